// Learned routing: the public surface of the classifier (see classifier.ts for the method).
export {
  DEFAULT_CLASSIFIER_OPTIONS,
  RoutingClassifier,
  type ClassifierOptions,
  type ClassifierStats,
  type LabelScore,
  type RoutingDecision,
  type RoutingExample,
  type RoutingPrediction,
  type SerializedRoutingClassifier,
  type TriageReason,
} from "./classifier.js";
