import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './run.js';
import { stubHost } from '../../../support/stub-host.js';

const withNotify = (line: string): string => `vrrp_instance VI_1 {
  interface eth0
  virtual_router_id 5
  ${line}
  virtual_ipaddress {
    10.0.0.1
  }
}`;

const host = stubHost({
  users: [{ name: 'root', uid: 0, gid: 0 }, { name: 'nobody', uid: 65534, gid: 65534 }],
  groups: [{ name: 'root', gid: 0 }, { name: 'nogroup', gid: 65534 }, { name: 'adm', gid: 4 }],
});

test('a script is the first word after the keyword; notify scripts name their user and group next', () => {
  const r = run(withNotify('notify_master /bin/true nobody adm'), host);
  const script = r.config.vrrp.instances[0]?.notify.master;
  assert.equal(script?.command, '/bin/true');
  assert.equal(script?.user, 'nobody');
  assert.deepEqual(script?.runAs, { uid: 65534, gid: 4 });
  const quoted = run(withNotify('notify_master "/bin/true a b" nobody'), host).config.vrrp.instances[0]?.notify.master;
  assert.equal(quoted?.command, '/bin/true a b');
  assert.deepEqual(quoted?.runAs, { uid: 65534, gid: 65534 });
});

test('a notify script whose user or group does not exist is dropped without a word, as keepalived does', () => {
  for (const line of ['notify_master /bin/true nosuchuser', 'notify_master /bin/true root nosuchgroup']) {
    const r = run(withNotify(line), host);
    assert.deepEqual(r.lines, []);
    assert.equal(r.exit, 0, line); // no script left, so no security violation
    assert.equal(r.config.vrrp.instances[0]?.notify.master, undefined);
  }
  // With an existing user the script stays, and runs without script security: exit 6.
  assert.equal(run(withNotify('notify_master /bin/true root'), host).exit, 6);
});

test('vrrp_script takes only the first word of an unquoted script line', () => {
  const r = run(`vrrp_script chk {
  script /bin/true extra words
}`);
  assert.equal(r.config.vrrp.scripts[0]?.script?.command, '/bin/true');
});
