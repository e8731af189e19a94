import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

/**
 * Registers AG Grid's community modules once for the whole renderer. Imported for its side
 * effect by DataGrid.tsx, so every page that renders a grid has them.
 */
ModuleRegistry.registerModules([AllCommunityModule]);
