import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, vs } from './harness.js';
import { effectiveTiming } from '../../../../src/config/model/lvs/defaults.js';

const rs = (body: string): string => vs(`  real_server 10.2.2.2 80 {\n${body}\n  }`);

test('HTTP_GET urls with digests and status codes', () => {
  const r = parse(
    rs(`    HTTP_GET {
      url {
        path /test.jsp
        digest 640205B7B0FC66C1EA91C463FAC6334D
        status_code 200-299 404
      }
      connect_timeout 3
      retry 3
      delay_before_retry 2
    }`),
  );
  assert.deepEqual(r.lines, []);
  const server = r.config.lvs.virtualServers[0]?.realServers[0];
  const checker = server?.checkers[0];
  assert.ok(checker?.type === 'HTTP_GET');
  assert.deepEqual(checker.urls[0]?.digests, ['640205b7b0fc66c1ea91c463fac6334d']);
  assert.deepEqual(checker.urls[0]?.statusCodes, [
    { from: 200, to: 299 },
    { from: 404, to: 404 },
  ]);
  const v = r.config.lvs.virtualServers[0];
  assert.ok(v && server);
  assert.deepEqual(effectiveTiming(v, server, checker), {
    delayLoopMs: 60000,
    connectTimeoutMs: 3000,
    retry: 3,
    delayBeforeRetryMs: 2000,
    warmupMs: 60000,
    alpha: false,
  });
});

test('HTTP checker problems, reported at keepalived\'s lines', () => {
  const r = parse(
    rs(`    SSL_GET {
      url {
        digest abc
      }
      url {
        path /
        status_code 200-299 abc
      }
      http_protocol 2.0
      connect_port 70000
      bindto 1.2.3.x
      retry -1
      nb_get_retry 2
      warmup y
    }
    HTTP_GET {
    }`),
  );
  assert.deepEqual(r.lines, [
    "(t.conf: Line 8) digest 'abc' character length should be 32 rather than 3",
    '(t.conf: Line 9) HTTP/SSL_GET checker url has no path - ignoring',
    "(t.conf: Line 12) Invalid HTTP_GET status code 'abc'",
    '(t.conf: Line 14) Invalid http_protocol version 2.0',
    "(t.conf: Line 15) number '70000' outside range [1, 65535]",
    "(t.conf: Line 15) Invalid checker connect_port '70000'",
    '(t.conf: Line 16) Invalid bindto address 1.2.3.x - ignoring',
    "(t.conf: Line 17) negative number '-1'",
    "(t.conf: Line 17) Invalid retry connection value '-1'",
    "(t.conf: Line 18) nb_get_retry is deprecated - please use 'retry'",
    "(t.conf: Line 19) invalid number 'y'",
    '(t.conf: Line 22) HTTP/SSL_GET checker has no urls specified - ignoring',
  ]);
  assert.deepEqual(r.config.lvs.virtualServers[0]?.realServers[0]?.checkers.map((c) => c.type), ['SSL_GET']);
});

test('nb_get_retry and typos are unknown in TCP_CHECK', () => {
  const r = parse(rs('    TCP_CHECK {\n      nb_get_retry 3\n      connetc_port 80\n    }'));
  assert.deepEqual(r.lines, ["(t.conf: Line 7) Unknown keyword 'nb_get_retry'", "(t.conf: Line 8) Unknown keyword 'connetc_port'"]);
});

test('SMTP host blocks become extra checkers', () => {
  const r = parse(rs('    SMTP_CHECK {\n      helo_name me\n      host {\n        connect_ip 1.2.3.4\n        connect_port 25\n      }\n    }'));
  assert.deepEqual(r.lines, []);
  const checkers = r.config.lvs.virtualServers[0]?.realServers[0]?.checkers ?? [];
  assert.equal(checkers.length, 2);
  assert.deepEqual(checkers[0]?.type === 'SMTP_CHECK' && checkers[0].connectIp, { family: 'inet', address: '1.2.3.4' });
});

test('DNS, UDP, FILE and MISC checker checks', () => {
  const r = parse(
    rs(`    DNS_CHECK {
      type BOGUS
      name a..b
    }
    UDP_CHECK {
      payload zz
      require_reply Ab12f x3
      max_reply_length 10
      min_reply_length 20
    }
    FILE_CHECK {
      weight 5 bogus
    }
    MISC_CHECK {
      connect_ip 1.2.3.4
    }`),
  );
  assert.deepEqual(r.lines, [
    '(t.conf: Line 7) Unknown DNS check type BOGUS - ignoring',
    "(t.conf: Line 8) DNS_CHECK name 'a..b' has empty label - ignoring",
    '(t.conf: Line 11) Invalid hex string for UDP_CHECK payload',
    '(t.conf: Line 15) UDP_CHECK min_reply length 20 > max_reply_length 10 - will always fail',
    '(t.conf: Line 17) unknown track file weight option bogus - ignoring',
    '(t.conf: Line 18) FILE_CHECK has no track_file specified - ignoring',
    "(t.conf: Line 20) Unknown keyword 'connect_ip'",
    '(t.conf: Line 21) No script path has been specified for MISC_CHECKER - skipping',
  ]);
  const udp = r.config.lvs.virtualServers[0]?.realServers[0]?.checkers.find((c) => c.type === 'UDP_CHECK');
  assert.ok(udp?.type === 'UDP_CHECK');
  assert.deepEqual(udp.reply, [0xab, 0x12, 0x0f, 0x03]);
  assert.deepEqual(udp.replyMask, [0xff, 0xff, 0x0f, 0x0f]);
});

test('BFD_CHECK needs a bfd_instance defined before it', () => {
  const r = parse(
    `bfd_instance B1 {\n  neighbor_ip 10.0.0.2\n}\n` +
      rs('    BFD_CHECK {\n      name B1\n    }\n    BFD_CHECK {\n      name NOPE\n    }\n    BFD_CHECK {\n    }'),
  );
  assert.deepEqual(r.lines, [
    '(t.conf: Line 13) ([10.2.2.2]:tcp:80) BFD_CHECK - BFD NOPE not configured',
    '(t.conf: Line 16) ([10.2.2.2]:tcp:80) No name has been specified for BFD_CHECKER - skipping',
  ]);
  assert.deepEqual(r.config.lvs.virtualServers[0]?.realServers[0]?.checkers, [
    { type: 'BFD_CHECK', name: 'B1', position: { file: 't.conf', line: 9 } },
  ]);
});
