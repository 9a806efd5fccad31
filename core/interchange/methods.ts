import { mutation, query } from '../contract.js';
import { filePathsRefused } from '../errors.js';
import { exportGoaml, GoamlExport } from './goaml-export.js';
import { exportFtm, FtmExport } from './ftm-export.js';
import { FtmImport, importFtm } from './ftm-import.js';

const noPathUnlessTrusted = (p: string | undefined, trusted: boolean) => {
  if (p && !trusted) throw filePathsRefused();
};

/** Exchange formats of the FIUs and of open investigation tools: goAML reports, FollowTheMoney entities. */
export const interchangeMethods = {
  /** Selected transactions of a case, with their accounts and holders, as a goAML report (XML, schema 5.0.1). */
  'interchange.goaml.export': query(GoamlExport, (input, ctx) => {
    noPathUnlessTrusted(input.path, ctx.trusted);
    return exportGoaml(ctx, input);
  }),

  /** The case as FollowTheMoney entities (JSON lines), each checked against the FtM model. */
  'interchange.ftm.export': query(FtmExport, (input, ctx) => {
    noPathUnlessTrusted(input.path, ctx.trusted);
    return exportFtm(ctx, input);
  }),

  /** FollowTheMoney JSON lines into a case as subjects and accounts, with provenance; all or nothing. */
  'interchange.ftm.import': mutation(FtmImport, (input, ctx) => importFtm(ctx, input)),
};
