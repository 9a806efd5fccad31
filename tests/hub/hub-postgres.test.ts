import { describeWithPostgres, startPostgres } from '../helpers/postgres.js';
import { hubScenario } from './scenario.js';

describeWithPostgres()('hub on a real PostgreSQL server (DATABASE_URL)', () => {
  hubScenario(async () => {
    const pg = startPostgres();
    return { databaseUrl: pg.url, stop: pg.stop };
  });
});
