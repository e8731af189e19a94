import { setQuietLogs } from '../../electron/backend/log';

// Vitest runs this before every test file (tests/vitest.config.ts): the many expected failures
// under test (refused logins, invalid input) are warnings and stay out of the output; an error
// nobody expected is still printed. A test that provokes one on purpose captures it (captured-log.ts).
setQuietLogs(true);
