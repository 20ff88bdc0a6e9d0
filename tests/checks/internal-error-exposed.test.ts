/**
 * A database's own error or a stack trace in any answer is the server's internals shown: an
 * injection seen from outside, or its code and versions (CWE-209). Each engine's and runtime's
 * sign is found (Node, Python, Java, .NET, Go, Ruby, PHP), in plain text and inside a JSON string;
 * a server's own words are not.
 */
import { internalErrorExposedCheck, internalErrorText } from '../../src/checks/internal-error-exposed';
import { context, exchange, jsonResponse, response } from './support/exchange-factory';

const judged = (status: number, body: unknown) => internalErrorExposedCheck.run(exchange(jsonResponse(status, body)), context({ status: 400 }));

test("a PostgreSQL parser's error in a 400 to an id with a quote: the id reached a query as text", () => {
  expect(judged(400, { code: 'bad_request', message: 'syntax error at or near "\'" (SQLSTATE 42601)' })).toEqual([
    {
      check: 'internal-error-exposed',
      severity: 'error',
      title: "The 400 shows a PostgreSQL parser's error",
      message: `Received: a 400 whose body shows a PostgreSQL parser's error (syntax error at or near) / Expected: an answer in the server's own words: a database's error says the input reached a query as text (an injection), a stack trace names the server's code, files and versions (CWE-209); neither is a reason the contract documents`,
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
