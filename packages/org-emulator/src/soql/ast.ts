/**
 * The SOQL syntax tree, before it is checked against the schema. Every node keeps the offset of its first
 * character so that schema errors can point at it the way Salesforce does.
 */

/** `Account.Owner.Email` as written: segments in source case. */
export type FieldPath = { segments: string[]; start: number };

export type SelectItem =
  | { kind: 'field'; path: FieldPath }
  /** `COUNT()` (path undefined) or `COUNT(Id) alias`. */
  | { kind: 'count'; path?: FieldPath; alias?: string; start: number }
  | { kind: 'fields'; scope: 'ALL' | 'STANDARD' | 'CUSTOM'; start: number }
  /**
   * A parent-to-child subquery, `(SELECT LastName FROM Contacts WHERE ...)`: its `from.name` is the child
   * relationship's name (`from.qualifier` the parent object in `FROM Account.Contacts`), `start` its `(`.
   */
  | { kind: 'subquery'; query: SoqlQuery; start: number };

/** A relative date literal such as TODAY or LAST_N_DAYS:30 (name upper-cased). */
export type DateFunction = { name: string; n?: number };

export type Literal =
  | { kind: 'string'; value: string; start: number }
  | { kind: 'number'; text: string; start: number }
  | { kind: 'boolean'; value: boolean; start: number }
  | { kind: 'null'; start: number }
  | { kind: 'date'; text: string; start: number }
  | { kind: 'datetime'; text: string; start: number }
  | { kind: 'dateFunction'; fn: DateFunction; text: string; start: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE';

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; path: FieldPath; operator: ComparisonOperator; value: Literal; operatorStart: number }
  | { kind: 'in'; path: FieldPath; negated: boolean; values: Literal[]; operatorStart: number }
  | { kind: 'semiJoin'; path: FieldPath; negated: boolean; query: SoqlQuery; operatorStart: number };

export type OrderItem = { path: FieldPath; descending: boolean; nullsLast: boolean };

export type SoqlQuery = {
  select: SelectItem[];
  /** `qualifier`: only in a child subquery, the parent object named before the relationship (`Account.Notes`). */
  from: { name: string; alias?: string; qualifier?: string; start: number };
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
  /** The text the offsets refer to (the subquery's offsets refer to the outer text). */
  text: string;
};
