export { createFilterProcessor, FILTER } from './filter-processor.ts';
export { MAX_FIELD_CHARS } from './item-fields.ts';
export { createRegexRunner, REGEX_DEADLINE_MS, type RegexRunner } from './regex-runner.ts';
