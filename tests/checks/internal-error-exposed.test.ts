/**
 * A database's own error or a stack trace in any answer is the server's internals shown: an
 * injection seen from outside, or its code and versions (CWE-209). Each engine's and runtime's
 * sign is found (Node, Python, Java, .NET, Go, Ruby, PHP), in plain text and inside a JSON string;
 * a server's own words are not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { internalErrorExposedCheck, internalErrorText } from '../../src/checks/internal-error-exposed';
import { fixedHostileIds } from '../../src/negative/sender-id-arbitrary';
import { context, exchange, jsonResponse, response } from './support/exchange-factory';

const judged = (status: number, body: unknown) => internalErrorExposedCheck.run(exchange(jsonResponse(status, body)), context({ status: 400 }));

test("a PostgreSQL parser's error in a 400 to an id with a quote: the id reached a query as text", () => {
  expect(judged(400, { code: 'bad_request', message: 'syntax error at or near "\'" (SQLSTATE 42601)' })).toEqual([
    {
      check: 'internal-error-exposed',
      severity: 'error',
      title: "The 400 shows a PostgreSQL parser's error",
      message: `Received: a 400 whose body shows a PostgreSQL parser's error (syntax error at or near) / Expected: an answer in the server's own words: a database's error says the input reached a query as text (an injection), a stack trace names the server's code, files and versions, a query or a connection URL its tables, hosts and credentials (CWE-209); neither is a reason the contract documents`,
      instancePath: '',
    },
  ]);
});

test("every engine's and runtime's sign, in plain text or inside a JSON string", () => {
  const signs: [string, string][] = [
    ['SQLSTATE[42000]: Syntax error or access violation', 'an SQLSTATE code'],
    ["You have an error in your SQL syntax; check the manual near ''' at line 1", "MySQL's syntax error"],
    ['ORA-01756: quoted string not properly terminated', 'an Oracle error'],
    ['SQLITE_ERROR: near "snd": syntax error', 'an SQLite error'],
    ["Unclosed quotation mark after the character string 'snd'.", "SQL Server's error"],
    ["Incorrect syntax near 'snd'.", "SQL Server's error"],
    ['PG::SyntaxError: ERROR', "a database driver's error"],
    ['Error: boom\n    at getSync (/app/src/routes/sync.js:42:17)\n    at Layer.handle (/app/node_modules/express/lib/router/layer.js:95:5)', 'a Node.js stack trace'],
    ['Traceback (most recent call last):\n  File "/app/main.py", line 3', 'a Python traceback'],
    ['java.lang.NullPointerException: null\n\tat com.zavu.Sync.read(Sync.java:12)', 'a Java stack trace'],
    ['System.NullReferenceException: Object reference not set to an instance of an object.\n   at Zavu.Api.SyncController.Start(String senderId)', 'a .NET stack trace'],
    ['Sender not found\n   at Zavu.Api.SyncController.Read(String senderId) in /src/Zavu.Api/SyncController.cs:line 42', 'a .NET stack trace'],
    ['panic: runtime error: invalid memory address or nil pointer dereference', 'a Go panic or stack trace'],
    ['goroutine 7 [running]:\nmain.start(...)', 'a Go panic or stack trace'],
    ['main.lookup(0xc000010000)\n\t/app/internal/sync.go:42 +0x1d', 'a Go panic or stack trace'],
    ["/app/app/controllers/whatsapp_sync_controller.rb:42:in `start'", 'a Ruby backtrace'],
    ["/app/app/models/sender.rb:7:in 'Sender.find!'", 'a Ruby backtrace'],
    ['Stack trace:\n#0 /var/www/html/app/Sync.php(42): Sync->start()', 'a PHP stack trace'],
    ['Call to a member function waba() on null in /var/www/html/app/Sync.php on line 42', 'a PHP stack trace'],
  ];
  for (const [text, what] of signs) {
    expect(internalErrorText(text)?.what).toBe(what);
    // Inside a JSON string, a line break is "\n" escaped.
    expect(internalErrorText(JSON.stringify({ code: 'x', message: text }))?.what).toBe(what);
  }
  // A framework's debug JSON (Laravel's with APP_DEBUG on), its "/" escaped as PHP's json_encode writes it, beside the contract's own code and message.
  const laravel = JSON.stringify({ code: 'not_found', message: 'Sender not found', exception: 'Symfony\\Component\\HttpKernel\\Exception\\NotFoundHttpException', file: '/var/www/html/vendor/laravel/framework/src/Illuminate/Foundation/Exceptions/Handler.php', line: 487 }).replace(/\//g, '\\/');
  expect(internalErrorText(laravel)?.what).toBe('a PHP stack trace');
  // On any status, a router's text included.
  expect(internalErrorExposedCheck.run(exchange(response(404, 'Error: not found\n    at handle (/srv/app.js:3:9)', { 'content-type': 'text/plain' })), context({ status: 404 }))).toHaveLength(1);
});

test("a server's own words are not a sign, nor is a trace past the first 16 KiB", () => {
  for (const message of ['Sender not found', 'The request has a syntax error', 'Incorrect syntax near the sender id', 'Invalid sender id: at most 64 characters', 'Error at position 3', 'See https://docs.zavu.dev/errors#bad_request at line 1', 'Traceback is not available', 'System.Text sender ids are not supported', 'Sync in progress (see /docs/sync.php for details)', 'panic: none', 'See https://docs.zavu.dev/errors.rb:1 in the guide']) {
    expect(judged(400, { code: 'bad_request', message })).toEqual([]);
  }
  expect(internalErrorText(`${' '.repeat(16_384)}Traceback (most recent call last)`)).toBeUndefined();
  expect(internalErrorExposedCheck.run(exchange(undefined), context())).toEqual([]);
});

describe('a raw SQL statement or a connection URL in an answer', () => {
  // What a hunt found: an Error whose `details` (free-form in the schema) carries the query the server ran and its database's URL.
  const leaked = { code: 'internal_error', message: 'Internal error', details: { query: "SELECT * FROM senders WHERE id = 'snd_1''", db: 'postgres://app:secret@db-internal.local:5432/zavu' } };

  test('the query the server ran, in an Error\'s details, is its internals shown', () => {
    expect(judged(500, leaked)).toEqual([
      {
        check: 'internal-error-exposed',
        severity: 'error',
        title: 'The 500 shows a raw SQL statement',
        message: `Received: a 500 whose body shows a raw SQL statement (SELECT * FROM senders) / Expected: an answer in the server's own words: a database's error says the input reached a query as text (an injection), a stack trace names the server's code, files and versions, a query or a connection URL its tables, hosts and credentials (CWE-209); neither is a reason the contract documents`,
        instancePath: '',
      },
    ]);
  });

  test('every shape of a statement an ORM or a driver writes, in any case, quoted identifiers included', () => {
    const statements = [
      "SELECT * FROM senders WHERE id = 'snd_1'",
      'SELECT "Sender"."id", "Sender"."phone_number" FROM "senders" AS "Sender" WHERE "Sender"."id" = \'snd_1\'', // Sequelize
      'SELECT "public"."senders"."id" FROM "public"."senders" WHERE "public"."senders"."id" = $1 LIMIT $2', // Prisma
      'select * from "senders" where "id" = ?', // Knex
      'select s1_0.id,s1_0.waba_id from senders s1_0 where s1_0.id=?', // Hibernate 6
      'SELECT COUNT(*) FROM sync_jobs',
      'SELECT id, status FROM sync_jobs WHERE sender_id IN (1, 2)',
      'SELECT `id` FROM `senders` WHERE `id` = \'x\'', // MySQL
      'SELECT [id] FROM [dbo].[senders] WHERE [id] = @p0', // SQL Server
      "INSERT INTO sync_jobs (sender_id, status) VALUES ('snd_1', 'pending')",
      'insert into "sync_jobs" ("sender_id") values ($1) returning "id"',
      "UPDATE senders SET status = 'syncing' WHERE id = 'snd_1'",
      "DELETE FROM sync_jobs WHERE sender_id = 'snd_1'",
      'delete from sync_jobs where finished_at is null',
    ];
    for (const statement of statements) {
      expect(internalErrorText(statement)?.what).toBe('a raw SQL statement');
      expect(internalErrorText(JSON.stringify({ code: 'x', message: 'failed', details: { sql: statement } }))?.what).toBe('a raw SQL statement');
    }
  });

  test('a connection URL is named by its kind and host, never by its credentials', () => {
    const urls: [string, string, string][] = [
      ['postgres://app:secret@db-internal.local:5432/zavu', 'a PostgreSQL connection URL with its credentials', 'postgres://[credentials hidden]@db-internal.local:5432'],
      ['postgresql+psycopg2://app:secret@10.0.3.7/zavu?sslmode=disable', 'a PostgreSQL connection URL with its credentials', 'postgresql+psycopg2://[credentials hidden]@10.0.3.7'],
      ['mysql://root:secret@mysql.internal:3306/zavu', 'a MySQL connection URL with its credentials', 'mysql://[credentials hidden]@mysql.internal:3306'],
      ['mariadb://app:p/a@ss@maria:3306/zavu', 'a MariaDB connection URL with its credentials', 'mariadb://[credentials hidden]@maria:3306'],
      ['mongodb+srv://app:secret@cluster0.abcde.mongodb.net/zavu?retryWrites=true', 'a MongoDB connection URL with its credentials', 'mongodb+srv://[credentials hidden]@cluster0.abcde.mongodb.net'],
      ['mongodb://app:secret@mongo-0:27017,mongo-1:27017/zavu?replicaSet=rs0', 'a MongoDB connection URL with its credentials', 'mongodb://[credentials hidden]@mongo-0:27017'],
      ['redis://:secret@cache.internal:6379/0', 'a Redis connection URL with its credentials', 'redis://[credentials hidden]@cache.internal:6379'],
      ['rediss://default:secret@cache.internal:6380', 'a Redis connection URL with its credentials', 'rediss://[credentials hidden]@cache.internal:6380'],
      ['amqps://guest:secret@rabbitmq.internal:5671/vhost', 'an AMQP broker URL with its credentials', 'amqps://[credentials hidden]@rabbitmq.internal:5671'],
      ['mssql://sa:secret@sqlserver.internal:1433/zavu', 'a SQL Server connection URL with its credentials', 'mssql://[credentials hidden]@sqlserver.internal:1433'],
      ['jdbc:sqlserver://sqlserver.internal:1433;databaseName=zavu;user=sa;password=secret', 'a JDBC connection URL with its credentials', 'jdbc:sqlserver://sqlserver.internal:1433'],
      ['jdbc:postgresql://db-internal.local:5432/zavu?user=app&password=secret', 'a JDBC connection URL with its credentials', 'jdbc:postgresql://db-internal.local:5432'],
      ['jdbc:oracle:thin:app/secret@db-internal.local:1521:zavu', 'a JDBC connection URL with its credentials', 'jdbc:oracle:thin:[credentials hidden]@db-internal.local:1521'],
      ['redis://cache.internal:6379', 'a Redis connection URL', 'redis://cache.internal:6379'],
      ['postgres://db-internal.local/zavu', 'a PostgreSQL connection URL', 'postgres://db-internal.local'],
      // A password with a quote ends the string early: no host is read out of what may be the credentials.
      ['postgres://app:se"cret@db/zavu', 'a PostgreSQL connection URL with its credentials', 'postgres://[credentials hidden]'],
      // Nor out of what reads as a host but is followed closely by an "@" (a password "1234/x y" or "1234/x\"y"): it may be a user and password.
      ['postgres://app:1234/x"y@db/zavu', 'a PostgreSQL connection URL with what may be its credentials', 'postgres://[credentials hidden]'],
      ['postgres://app:1234/x y@db/zavu', 'a PostgreSQL connection URL with what may be its credentials', 'postgres://[credentials hidden]'],
    ];
    for (const [url, what, seen] of urls) {
      const plain = internalErrorText(`connect ECONNREFUSED ${url}`);
      expect(plain).toEqual({ what, seen });
      // In a JSON string, "/" perhaps escaped (PHP's json_encode).
      const json = JSON.stringify({ code: 'x', message: 'failed', details: { db: url } });
      expect(internalErrorText(json)).toEqual({ what, seen });
      expect(internalErrorText(json.replace(/\//g, '\\/'))).toEqual({ what, seen });
    }
    // The violation says which kind and where it points, and never quotes the user or the password.
    const [violation] = judged(500, { code: 'internal_error', message: 'Internal error', details: { db: 'postgres://app:secret@db-internal.local:5432/zavu' } });
    expect(violation?.title).toBe('The 500 shows a PostgreSQL connection URL with its credentials');
    expect(violation?.message).toContain('(postgres://[credentials hidden]@db-internal.local:5432)');
    expect(JSON.stringify(violation)).not.toMatch(/secret|app:/);
  });

  test("ordinary English is not a statement, though the statement its words suggest is; nor is the suite's own probe echoed back, a web URL or a scheme in prose", () => {
    const pairs: [string, string][] = [
      ['Select a sender from the list', 'SELECT a.sender FROM list'],
      ['Select one from the list where your number appears', 'select one from list where number = 1'],
      ['Select all from inbox where unread', 'select all from inbox where unread is null'],
      ['select name, number from contacts', 'select name, number from contacts order by name'],
      ['Please select the sender from which the history is read.', 'SELECT sender FROM senders WHERE history IN (1)'],
      ['Update your settings', 'UPDATE settings SET locale = 1'],
      ['Update the sender set up in the dashboard', 'UPDATE sender SET up = 1'],
      ['update profile settings = on', 'update profile set settings = 1'],
      ['Delete from your account', 'DELETE FROM account WHERE id = 1'],
      ['Delete from the dashboard where the sender is listed', 'delete from dashboard where sender like 1'],
      ['Insert into the form the values you see', 'INSERT INTO form VALUES (1)'],
      ['insert into field values', 'insert into field values (1)'],
      ['Backed by PostgreSQL, Redis and MongoDB', 'postgres://db:5432'],
      ['The postgres: prefix is not supported', 'postgres://db'],
      ['mypostgres://x is not a URL we know', 'mysql://x'],
      ['redis://', 'redis://cache'],
    ];
    for (const [words, statement] of pairs) {
      expect(internalErrorText(JSON.stringify({ code: 'bad_request', message: words }))).toBeUndefined();
      expect(internalErrorText(JSON.stringify({ code: 'bad_request', message: statement }))).toBeDefined();
    }
    expect(internalErrorText('See https://docs.zavu.dev/errors#bad_request and http://status.zavu.dev')).toBeUndefined();
    // A server that echoes a hostile id ("1'; SELECT 1;--", "' OR '1'='1") in its own words shows no internals; the query it reached does.
    for (const id of fixedHostileIds(['snd_1'])) {
      expect(internalErrorText(JSON.stringify({ code: 'not_found', message: `Sender ${id} not found` }))).toBeUndefined();
    }
    expect(internalErrorText(JSON.stringify({ code: 'not_found', message: "Sender not found: SELECT * FROM senders WHERE id = '1'; SELECT 1;--'" }))?.what).toBe('a raw SQL statement');
  });

  test("a quoted word in prose is no quoted column: a server that quotes the id it echoes, or a label, says no statement; a quoted table makes it one", () => {
    for (const id of fixedHostileIds(['snd_1'])) {
      expect(internalErrorText(JSON.stringify({ code: 'not_found', message: `Sender not found. Select "${id}" from your senders list or check the id.` }))).toBeUndefined();
    }
    for (const words of ['Please select "WhatsApp" from the channel list', 'Select `Coexistence` from the sender settings', 'select [Settings] from the menu']) {
      expect(internalErrorText(JSON.stringify({ code: 'bad_request', message: words }))).toBeUndefined();
    }
    for (const statement of ['select "id" from "senders"', 'SELECT `id`, `status` FROM `sync_jobs`', 'SELECT [id] FROM [dbo].[senders]', 'select "id" from senders where "id" = $1', 'SELECT "s"."id" FROM senders s']) {
      expect(internalErrorText(JSON.stringify({ code: 'x', message: 'failed', details: { sql: statement } }))?.what).toBe('a raw SQL statement');
    }
  });

  test("every string of the contract's document, its examples included, is not a sign; its error example with the query in details is", () => {
    const document = parseDocument(readFileSync(join(__dirname, '../../specs/whatsapp-sync.openapi.yaml'), 'utf8')).toJS() as unknown;
    const strings: string[] = [];
    const errorExamples: object[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value !== null && typeof value === 'object') {
        if ('code' in value && 'message' in value) errorExamples.push(value);
        for (const [key, member] of Object.entries(value)) (strings.push(key), walk(member));
      }
    };
    walk(document);
    expect(strings.length).toBeGreaterThan(50);
    for (const text of strings) expect(internalErrorText(text)).toBeUndefined();
    expect(errorExamples.length).toBeGreaterThan(0);
    for (const example of errorExamples) {
      expect(internalErrorText(JSON.stringify(example))).toBeUndefined();
      expect(internalErrorText(JSON.stringify({ ...example, details: { query: "SELECT * FROM senders WHERE id = 'snd_1'" } }))?.what).toBe('a raw SQL statement');
      expect(internalErrorText(JSON.stringify({ ...example, details: { db: 'postgres://app:secret@db-internal.local:5432/zavu' } }))?.what).toBe('a PostgreSQL connection URL with its credentials');
    }
  });

  test("a connection URL inside another sign's text (an exception's message before its first frame) is shown without its credentials too", () => {
    const bodies: [string, string][] = [
      ['org.springframework.jdbc.CannotGetJdbcConnectionException: postgres://app:s3cr3t@db-internal.local:5432/zavu\n\tat org.zavu.Senders.find(Senders.java:42)', 'a Java stack trace'],
      ['java.lang.IllegalStateException: jdbc:sqlserver://sql.internal:1433;user=sa;password=s3cr3t\n\tat org.zavu.Senders.find(Senders.java:42)', 'a Java stack trace'],
      ['System.InvalidOperationException: cannot reach mongodb://root:s3cr3t@mongo-0:27017/zavu\n   at Zavu.Senders.Find()', 'a .NET stack trace'],
      // A credential passed as a literal in the select list: the statement is shown, its literals are not.
      ["SELECT crypt('s3cr3t', salt) FROM senders", 'a raw SQL statement'],
    ];
    for (const [body, what] of bodies) {
      const found = internalErrorText(JSON.stringify({ code: 'internal_error', message: 'Internal error', details: { trace: body } }));
      expect(found?.what).toBe(what);
      expect(found?.seen).not.toMatch(/s3cr3t/);
    }
    const [violation] = judged(500, { code: 'internal_error', message: 'Internal error', details: { trace: bodies[0]?.[0] } });
    expect(violation?.message).toContain('postgres://[credentials hidden]@db-internal.local:5432');
    expect(JSON.stringify(violation)).not.toMatch(/s3cr3t|app:/);
  });

  test('a hostile body is read in linear time: bounded quantifiers, one start per keyword', () => {
    const mib = 1 << 20;
    const hostile: [string, string | undefined][] = [
      [`SELECT ${'a, '.repeat(mib / 3)}`, undefined],
      [`SELECT ${'a AS b, '.repeat(mib / 8)}`, undefined],
      [`SELECT ${'a.'.repeat(mib / 2)}`, undefined],
      [`SELECT "${'a'.repeat(mib)}`, undefined],
      [`SELECT * FROM ${'a '.repeat(mib / 2)}`, 'a raw SQL statement'],
      [`select a from t where ${'a.'.repeat(mib / 2)}`, undefined],
      [`INSERT INTO t (${'a,'.repeat(mib / 2)}`, undefined],
      [`UPDATE ${'t '.repeat(mib / 2)}`, undefined],
      ['SELECT '.repeat(mib / 7), undefined],
      ['SELECT x FROM '.repeat(mib / 14), undefined],
      ['select * from t where '.repeat(mib / 22), 'a raw SQL statement'],
      [`postgres://${'a:'.repeat(mib / 2)}`, 'a PostgreSQL connection URL with its credentials'],
      [`postgres://${'@'.repeat(mib)}`, 'a PostgreSQL connection URL with its credentials'],
      ['redis://a '.repeat(mib / 10), 'a Redis connection URL'],
      [`mongodb://${'a,'.repeat(mib / 2)}`, 'a MongoDB connection URL'],
      ['a'.repeat(mib), undefined],
    ];
    // Only the first 16 KiB is read; within it each pattern tries a bounded amount of text from each start (Jest's timeout is the only clock).
    for (const [body, what] of hostile) {
      expect(internalErrorText(body)?.what).toBe(what);
      expect(internalErrorText(JSON.stringify({ details: body }))?.what).toBe(what);
    }
  });
});
