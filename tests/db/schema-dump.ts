import type { Sqlite } from '../../db/connection.js';

export interface SchemaDump {
  tables: Record<string, { columns: Record<string, string>; indexes: string[] }>;
  triggers: string[];
}

/** A stable description of the schema: columns with type/nullability/default/pk, indexes, triggers. */
export function dumpSchema(sqlite: Sqlite): SchemaDump {
  const tables: SchemaDump['tables'] = {};
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name")
    .all() as { name: string }[];
  for (const { name } of names) {
    const columns: Record<string, string> = {};
    for (const c of sqlite.prepare(`PRAGMA table_info('${name}')`).all() as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[])
      columns[c.name] = `${c.type}${c.notnull ? ' NOT NULL' : ''}${c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ''}${c.pk ? ' PK' : ''}`;
    const indexes = (sqlite.prepare(`PRAGMA index_list('${name}')`).all() as { name: string; unique: number }[])
      .filter((i) => !i.name.startsWith('sqlite_autoindex'))
      .map((i) => {
        const cols = (sqlite.prepare(`PRAGMA index_info('${i.name}')`).all() as { name: string }[]).map((c) => c.name).join(',');
        return `${i.unique ? 'UNIQUE ' : ''}${i.name}(${cols})`;
      })
      .sort();
    tables[name] = { columns, indexes };
  }
  const triggers = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return { tables, triggers };
}

/** What an update would lose: dropped tables, dropped or changed columns, dropped triggers. */
export function nonAdditiveChanges(before: SchemaDump, after: SchemaDump): string[] {
  const problems: string[] = [];
  for (const [table, t] of Object.entries(before.tables)) {
    const now = after.tables[table];
    if (!now) {
      problems.push(`table ${table} was dropped or renamed`);
      continue;
    }
    for (const [col, def] of Object.entries(t.columns)) {
      if (!(col in now.columns)) problems.push(`column ${table}.${col} was dropped or renamed`);
      else if (now.columns[col] !== def) problems.push(`column ${table}.${col} changed from "${def}" to "${now.columns[col]}"`);
    }
  }
  for (const trg of before.triggers) if (!after.triggers.includes(trg)) problems.push(`trigger ${trg} was dropped`);
  return problems;
}
