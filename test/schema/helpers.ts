import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A temporary directory holding the given files; `cleanup()` removes it. */
export function manifestDir(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'skgo-schema-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const PG_SOURCE = `  - name: orders-db
    connector: postgresql
    config:
      database_hostname: db.internal
      database_user: streamkap
      database_password: \${env:PG_PASSWORD}
      database_dbname: orders
      schema_include_list: public
      table_include_list: public.orders, public.customers
`;
