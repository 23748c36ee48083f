import { sveltekit } from '@sveltejs/kit/vite'
import { defineConfig } from 'vite'

// `vite dev` proxies the live feed and the REST API to a running Pulso server,
// so the wall can be developed against the real (or a fake) feed on another port.
const target = process.env.PULSO_DEV_SERVER ?? 'http://localhost:3000'

export default defineConfig({
  plugins: [sveltekit()],
  // SvelteKit's build-time server bundle imports `cookie`; hoisted to the root is cookie@2 (from fastify), whose
  // API differs from the 0.6 that kit nests for itself. Bundling it resolves kit's own copy.
  ssr: { noExternal: ['cookie'] },
  server: {
    proxy: {
      '/socket.io': { target, ws: true, changeOrigin: true },
      '/api': { target, changeOrigin: true },
    },
  },
})
