/** Word lists the datasets draw realistic names from (fictional companies and people). */

export const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Grace',
  'Linus',
  'Margaret',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Edsger',
  'Radia',
  'Tim',
  'Hedy',
  'Donald',
  'Katherine',
  'John',
  'Sophie',
  'Niklaus',
  'Annie',
  'Guido',
  'Mary',
  'Bjarne',
  'Evelyn',
  'James',
] as const;

export const LAST_NAMES = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Hamilton',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Berners',
  'Lamarr',
  'Knuth',
  'Johnson',
  'Backus',
  'Wilson',
  'Wirth',
  'Easley',
  'Rossum',
  'Keller',
  'Stroustrup',
  'Boyd',
  'Gosling',
] as const;

export const COMPANY_ROOTS = [
  'Northwind',
  'Bluebird',
  'Granite',
  'Silverline',
  'Redwood',
  'Harbor',
  'Summit',
  'Lakeside',
  'Ironbridge',
  'Sunfield',
  'Westbrook',
  'Copperleaf',
  'Highland',
  'Riverstone',
  'Evergreen',
  'Oakridge',
] as const;

export const COMPANY_KINDS = ['Logistics', 'Foods', 'Energy', 'Textiles', 'Robotics', 'Media', 'Pharma', 'Motors'] as const;

export const COMPANY_SUFFIXES = ['Inc.', 'Ltd', 'GmbH', 'SA', 'LLC', 'Group'] as const;

export const CITIES = ['Lyon', 'Austin', 'Leeds', 'Porto', 'Osaka', 'Denver', 'Graz', 'Turin', 'Ghent', 'Malmo'] as const;

export const INDUSTRIES = ['Manufacturing', 'Energy', 'Transportation', 'Retail', 'Media', 'Healthcare'] as const;

export const PRODUCTS = [
  { name: 'Conveyor Belt C200', code: 'CB-C200', family: 'Hardware', price: 12_500 },
  { name: 'Sensor Pack S12', code: 'SP-S12', family: 'Hardware', price: 899 },
  { name: 'Fleet Tracker License', code: 'FT-LIC', family: 'Software', price: 1_200 },
  { name: 'Route Planner Cloud', code: 'RP-CLD', family: 'Software', price: 4_800 },
  { name: 'Installation Service', code: 'SV-INST', family: 'Services', price: 2_000 },
  { name: 'Annual Maintenance', code: 'SV-MNT', family: 'Services', price: 3_500 },
] as const;
