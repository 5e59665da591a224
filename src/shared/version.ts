// Bumped with package.json; the health route and the web footer show it.
export const APP_VERSION = '0.1.0';
