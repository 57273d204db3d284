import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { companyHeaderSchema, companyLineSchema, type CompanyHeader, type DemoCompany } from './company';

export type CompanyLine = z.infer<typeof companyLineSchema>;

/** Writes a company as JSON Lines: the header, then each record on its own line, streaming. */
export async function writeCompanyFile(
  file: string,
  header: CompanyHeader,
  lines: Iterable<CompanyLine> | AsyncIterable<CompanyLine>,
): Promise<void> {
  // A large buffer: a million-task company is 1.7 GB, and small writes leave the generator waiting on the disk.
  const out = createWriteStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  try {
    await write(header);
    for await (const line of lines) await write(line);
  } finally {
    out.end();
    await once(out, 'close');
  }
}

/** Files a record under its kind. */
function addRecord(company: Omit<DemoCompany, 'header'>, record: CompanyLine): void {
  if ('department' in record) company.departments.push(record.department);
  else if ('user' in record) company.users.push(record.user);
  else if ('flow' in record) company.flows.push(record.flow);
  else if ('task' in record) company.tasks.push(record.task);
  else company.history.push(record.history);
}

/** A company in memory from its header and records (a generator's output, for instance). */
export function companyFromLines(header: CompanyHeader, lines: Iterable<CompanyLine>): DemoCompany {
  const company: DemoCompany = { header, departments: [], users: [], flows: [], tasks: [], history: [] };
  for (const line of lines) addRecord(company, line);
  return company;
}

/** Reads and validates a company file; a bad line is reported with its number. */
export async function readCompanyFile(file: string): Promise<DemoCompany> {
  const company: Omit<DemoCompany, 'header'> & { header?: CompanyHeader } = {
    departments: [],
    users: [],
    flows: [],
    tasks: [],
    history: [],
  };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`${file}:${number}: not valid JSON`);
    }
    if (!company.header) {
      const header = companyHeaderSchema.safeParse(value);
      if (!header.success)
        throw new Error(`${file}:${number}: not a Flowpilot demo company header (${header.error.issues[0]?.message})`);
      company.header = header.data;
      continue;
    }
    const line = companyLineSchema.safeParse(value);
    if (!line.success)
      throw new Error(
        `${file}:${number}: not a valid record (${line.error.issues[0]?.path.join('.')}: ${line.error.issues[0]?.message})`,
      );
    addRecord(company, line.data);
  }
  if (!company.header) throw new Error(`${file}: empty file`);
  return company as DemoCompany;
}
