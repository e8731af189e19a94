/** The app's version (package.json's; a test keeps them equal), as sync packages name it. */
export const APP_VERSION = '0.1.0';
