export {
  type ImportProgress,
  type ImportResult,
  MAX_REPORTED_REJECTIONS,
  type RowRejection,
} from './accounting.js';
export { type ImportOptions, importFile } from './import-file.js';
export { ONLINE_RETAIL_COLUMNS, ONLINE_RETAIL_SOURCE } from './online-retail.js';
export { formatOf, type ImportFormat } from './read-rows.js';
export type { ColumnMapping, ImportKind } from './row-mapping.js';
