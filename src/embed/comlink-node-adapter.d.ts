// Comlink ships the node adapter's types beside it as node-adapter.d.ts, which
// TypeScript does not pair with the .mjs specifier; this points it there.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import nodeEndpoint from 'comlink/dist/esm/node-adapter';
  export default nodeEndpoint;
}
