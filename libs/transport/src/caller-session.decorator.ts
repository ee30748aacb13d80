import { MaybeCaller } from './edge/callers.js';

/** @deprecated use `@Caller()` (session required) or `@MaybeCaller()`; kept while handlers move over. */
export const CallerSession = MaybeCaller;
