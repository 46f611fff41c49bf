import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (main) and ESM (module) builds. Node, and so graphql-yoga,
    // loads the CommonJS one; vite would give our code the ESM one, and two copies of graphql
    // break `instanceof GraphQLError`. Both must use the same copy, as they do in production.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default'],
  },
});
