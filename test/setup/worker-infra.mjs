// Runs in each test file's worker: points TEST_REDIS_URL / TEST_DATABASE_URL at this worker's own
// Redis and database (started by global-setup.mjs), unless they were given from outside.
const worker = process.env.JEST_WORKER_ID ?? '1';
for (const name of ['TEST_REDIS_URL', 'TEST_DATABASE_URL']) {
  const own = process.env[`${name}_${worker}`];
  if (own) process.env[name] = own;
}
