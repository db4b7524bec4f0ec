/** The whole bad-input corpus, in a fixed order, and the deterministic subset `npm test` runs. */
import type { CorpusCase } from './corpus-case.js';
import { encodingCases } from './corpus-encodings.js';
import { fileCases } from './corpus-files.js';
import { typeFlipCases } from './corpus-flips.js';
import { structureCases } from './corpus-structure.js';

/** Config fields of the examples that hold text: a number or boolean there is written as its text. */
const TEXT_FIELD =
  /config\.(database_hostname|database\.hostname|database_user|database_dbname|(schema|database|table)_include_list|snowflake_(url|user|database|schema)_name|hostname|connection_username|database|transforms_(input|output)_topic_pattern)\//;
/**
 * Keys `key: null` may unset (null means not set, issue 8.1): optional ones. Required keys, list items
 * and keys whose absence leaves a reference dangling are not here.
 */
const OPTIONAL = [
  /#0\/(namespace|tags|pipelines)\//,
  /#1\/pipelines\//,
  /\/(sources|destinations|pipelines)\[\d\]\.(protected|tags|previous_names)\//,
  /\/tags\[\d\]\.description\//,
  /\/pipelines\[\d\]\.(transforms|topics|snapshot_new_tables|topic_auto_discovery)\//,
  /\.config\.(database_port|snapshot_read_only|heartbeat_enabled|ingestion_mode|tasks_max|transforms_input_job_parallelism)\//,
  // A map_filter transform may leave its topics and code to the defaults; the topic_router may not.
  /^flip\/streamkap\.yaml#0\/transforms\[0\]\.(implementation_file|config|config\.transforms_(input|output)_topic_pattern)\//,
];

/** Type flips that are valid input, with the reason: every other flip must be refused. */
const VALID_FLIPS: readonly [RegExp, string][] = [
  ...OPTIONAL.map(
    (key) => [new RegExp(`${key.source}\\w+->null$`), 'an optional key unset'] as [RegExp, string],
  ),
  [
    new RegExp(`${TEXT_FIELD.source}string->(number|bool)$`),
    'a scalar in a text field is written as its text',
  ],
  [/config\.database_port\/string->number$/, "a port written as '3306' takes 3306"],
  [
    /config\.(schema|database|table)_include_list\/string->list$/,
    'a list field takes a list or a comma-separated string',
  ],
  [
    /config\.table_include_list\/list->(string|number|bool)$/,
    'a list field takes one scalar as a one-item list',
  ],
  [/config\.table_include_list\[\d\]\/string->number$/, 'a number in a list of names is written as its text'],
  [/config\.heartbeat_enabled\/string->bool$/, "a boolean field written as 'true' takes true"],
];

/** Flips refused where the reference they leave dangling is, not at the flipped node. */
const REFUSED_AT_REFERENCE = [/\/external(\.destinations)?\/\w+->null$/];

function classifyFlip(id: string): 'refused' | 'accepted' | 'refused elsewhere' {
  if (VALID_FLIPS.some(([rule]) => rule.test(id))) return 'accepted';
  return REFUSED_AT_REFERENCE.some((rule) => rule.test(id)) ? 'refused elsewhere' : 'refused';
}

export function corpusCases(): CorpusCase[] {
  return [...typeFlipCases(classifyFlip), ...structureCases(), ...encodingCases(), ...fileCases()];
}
