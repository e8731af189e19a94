/**
 * Early warning (风险预警) from the import history, each signal with its evidence, cleared with an inspection or a note.
 */
export const warningsApi = {};
