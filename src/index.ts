export type { OrderResult } from './commands/isync/order.js';
