import type { BenchRun, Figure } from './types';
import type { BenchWorkspace } from './workspace';

async function generationFigures(ws: BenchWorkspace, loans: number, label: string): Promise<Figure[]> {
  const db = await ws.demoDatabase(loans);
  return [
    { name: `demo-data ${label}: generate`, value: db.seconds, unit: 's' },
    { name: `demo-data ${label}: CPU time`, value: db.cpuSeconds, unit: 's' },
    { name: `demo-data ${label}: rows written`, value: db.rows, unit: 'rows' },
    { name: `demo-data ${label}: throughput`, value: db.rows / db.seconds, unit: 'rows/s' },
    { name: `demo-data ${label}: database size`, value: db.megabytes, unit: 'MB' },
  ];
}

/** Demo-data generation through the change-logged write path, for a branch and for a county book. */
export const run: BenchRun = async (ws) => [
  ...(await generationFigures(ws, 9_000, '9k loans')),
  ...(await generationFigures(ws, 200_000, '200k loans')),
];
