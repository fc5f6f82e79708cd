export {
  ALERT_THRESHOLD,
  compileDistrictCategories,
  CRITICAL_THRESHOLD,
  detectAlerts,
  EVAL_LABEL,
  type Alert,
  type AlertDetection,
  type AlertEvidence,
  type AlertSeverity,
  type BuiltInAlertCategory,
  type DetectOptions,
  type DistrictAlertCategory,
} from "./detector.js";
export { evaluateAlerts, parseAlertRows, type EvalReport, type EvalRow, type Io } from "./lexicon/evaluation.js";
export {
  BUILT_IN_CATEGORIES,
  createAlertCategory,
  updateAlertCategory,
  type AlertCategoryInput,
  detectForDistrict,
  ensureBuiltInCategories,
  listAlertCategories,
  respondersOf,
  setResponders,
  type AlertCategoryRow,
  type AlertCategoryWithResponders,
} from "./categories.js";
