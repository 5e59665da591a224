// Search limits shared by the API schema and the web search box (kept free of zod so the app
// shell does not load the schema library on the first screen).

/** The longest query the search box accepts, in characters. */
export const SEARCH_MAX_CHARS = 50;
