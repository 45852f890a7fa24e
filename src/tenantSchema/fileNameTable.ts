/**
 * The table a file name most likely describes (`DeviceInfo.csv`, `getschema-DeviceInfo.json`): the
 * longest of `tables` its base name contains, ignoring letter case; undefined when none does.
 */
export function tableFromFileName(fileName: string, tables: readonly string[]): string | undefined {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '').toLowerCase();
  let best: string | undefined;
  for (const table of tables) {
    if (base.includes(table.toLowerCase()) && (!best || table.length > best.length)) best = table;
  }
  return best;
}
