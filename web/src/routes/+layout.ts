// A client-only wall: the socket feed is the data source, so there is nothing to render on a server.
export const ssr = false
export const prerender = false
