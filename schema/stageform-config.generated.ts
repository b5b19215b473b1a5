// Generated from the JSON Schema by scripts/generate-types.js (npm run generate:types). Do not edit.

/**
 * stageform.yaml: one per project.
 */
export interface StageformConfig {
  /**
   * Project name, written into the stageform:project ownership tag of every composition stageform starts.
   */
  project: string;
  /**
   * Default region for API calls; stage ARNs carry their own.
   */
  region: string;
  /**
   * Tags merged under every composition's tags (the composition's win). AWS's tagging rules: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @; neither may start with aws: (any case).
   */
  tags?: {
    [k: string]: string;
  };
  quotas?: QuotasConfig;
  /**
   * start (default): run even when a stage has no participants. skip: only start while the stage is live.
   */
  whenIdle?: 'start' | 'skip';
  /**
   * Default IANA time zone of the manifests' schedules (default UTC).
   */
  timezone?: string;
  rateLimits?: RateLimitsConfig;
  /**
   * Paths under the project directory that hold no manifests (e.g. CI workflow files): a folder or file path relative to stageform.yaml, `*` matching within one path segment.
   */
  exclude?: string[];
}
/**
 * Concurrent compositions. AWS documents one quota, "Compositions": 5 per account and region by default, adjustable in Service Quotas (IVS Real-Time user guide, "Service Quotas"); set compositionsPerAccount when yours was raised. AWS documents no per-stage quota: compositionsPerStage limits a stage only when set.
 */
export interface QuotasConfig {
  /**
   * Optional limit per stage (none by default: AWS documents no per-stage quota).
   */
  compositionsPerStage?: number;
  /**
   * The account's "Compositions" quota in each region (default 5).
   */
  compositionsPerAccount?: number;
}
/**
 * Requests per second per API operation (published IVS quotas: composition 5, stage 5, tag 10).
 */
export interface RateLimitsConfig {
  composition?: number;
  stage?: number;
  tag?: number;
}
