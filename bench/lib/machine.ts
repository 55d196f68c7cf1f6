import { cpus, platform, release, totalmem } from 'node:os';
import { Client } from 'pg';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
}

/** What the numbers were measured on; `postgres` is asked over `adminUrl`. */
export async function describeMachine(adminUrl: string, settings: string[]): Promise<MachineInfo> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>('SELECT version() AS v');
    const postgresSettings: Record<string, string> = {};
    for (const name of settings) {
      const r = await client.query<{ setting: string }>('SELECT current_setting($1) AS setting', [
        name,
      ]);
      postgresSettings[name] = r.rows[0].setting;
    }
    const cpu = cpus();
    return {
      cpuModel: cpu[0]?.model.trim() ?? 'unknown',
      cores: cpu.length,
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      os: `${platform()} ${release()}`,
      node: process.version,
      postgres: rows[0].v,
      postgresSettings,
    };
  } finally {
    await client.end();
  }
}
