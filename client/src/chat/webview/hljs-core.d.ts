// highlight.js ships types for its full build only; the core build has the same API.
declare module 'highlight.js/lib/core' {
  import hljs from 'highlight.js';
  export default hljs;
}
