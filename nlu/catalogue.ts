// The understanding protocol lives in domain/ (dialogs read it too); nlu/ re-exports it for its own modules.
export {
  ACTION_INTENTS,
  Command,
  ENTITY_TYPES,
  INTENTS,
  IntentName,
  dateValueOf,
  firstEntity,
  wireValue,
  type DateValue,
  type Entity,
  type EntityOf,
  type EntityType,
  type TimeValue,
} from '../domain/understanding.js';
export { LOCALES, Locale } from '../domain/locale.js';
