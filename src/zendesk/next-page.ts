// Pagination links from Zendesk, made safe to follow. Pure.
// Zendesk answers with a full `next_page` URL on its canonical host (https://developer.zendesk.com/api-reference/
// introduction/pagination/). That host may be cased differently from ZENDESK_URL or be the subdomain.zendesk.com
// name behind a host-mapped brand, so comparing URLs as strings drops every page after the first (threads over 100
// comments lose their newest, i.e. most important, comments). We keep only the path and query of the link, check
// that it is the same endpoint we asked, and send it to our own base: the API token never goes to another host.

/** The link rebuilt on `base`, or null when it points at another endpoint (or is not a URL). */
export function samePagedEndpoint(next: string, base: string, path: string): string | null {
  let link: URL;
  try {
    link = new URL(next, base);
  } catch {
    return null;
  }
  const basePath = new URL(base).pathname.replace(/\/+$/, '');
  const rest = link.pathname.toLowerCase().startsWith(basePath.toLowerCase()) ? link.pathname.slice(basePath.length) : link.pathname;
  if (rest.replace(/\.json$/, '') !== path) return null;
  return `${base.replace(/\/+$/, '')}${rest}${link.search}`;
}
