/** goAML report types Proceeds writes (the schema's report_type has more); no Node imports, the renderer reads it. */
export const GOAML_REPORT_CODES = ['STR', 'SAR', 'CTR', 'IRF', 'AIF', 'TFR'] as const;
