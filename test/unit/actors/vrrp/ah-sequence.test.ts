/**
 * The IPsec AH sequence counter is shared by both directions, as in keepalived 2.2.7: a peer
 * restarted (counting from 1 again) learns the survivor's numbers from the adverts it hears and
 * continues above them, so it is heard again and takes back mastership. With separate counters
 * the survivor rejected it as a replay forever and both stayed MASTER (found by the interop lab
 * against keepalived: test/lab/interop-auth.test.ts).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AhSequence } from '../../../../src/actors/vrrp/ah-sequence.js';
import { Scenario, lan, parseConfig } from './harness.js';

describe('AhSequence', () => {
  it('sends from 1, accepts only numbers above the counter and jumps to them', () => {
    const s = new AhSequence();
    assert.equal(s.next(), 1);
    assert.equal(s.next(), 2);
    s.accepted(10);
    assert.equal(s.value, 10);
    s.accepted(5); // never goes back
    assert.equal(s.value, 10);
    assert.equal(s.next(), 11);
  });
});

const config = (priority: number) => `vrrp_instance VI_1 {
  state BACKUP
  interface eth0
  virtual_router_id 51
  priority ${priority}
  advert_int 1
  authentication {
    auth_type AH
    auth_pass secret
  }
  virtual_ipaddress {
    192.168.1.100/24
  }
}
`;

describe('AH across a restart of the master', () => {
  it('the restarted higher priority is heard again and takes back (no dual master)', async () => {
    const s = new Scenario();
    const a = s.addNode('A', [lan('192.168.1.1', '52:54:00:00:00:0a')]);
    const b = s.addNode('B', [lan('192.168.1.2', '52:54:00:00:00:0b')]);
    await a.subsystem.start(parseConfig(config(150)));
    await b.subsystem.start(parseConfig(config(100)));
    await s.advance(20_000);
    assert.equal(s.state('A', 'VI_1'), 'MASTER');
    assert.equal(s.state('B', 'VI_1'), 'BACKUP');

    await a.subsystem.stop({ releaseVips: true });
    await s.advance(5_000);
    assert.equal(s.state('B', 'VI_1'), 'MASTER');

    // The same node again, a new process: its AH counter starts from 0.
    const restarted = s.restartNode(a.node);
    const failuresBefore = b.subsystem.status().instances[0]!.counters.auth_failure;
    await restarted.subsystem.start(parseConfig(config(150)));
    await s.advance(10_000);
    assert.equal(s.state('A', 'VI_1'), 'MASTER');
    assert.equal(s.state('B', 'VI_1'), 'BACKUP');
    assert.equal(b.subsystem.status().instances[0]!.counters.auth_failure, failuresBefore, 'no advert of the restarted peer rejected as a replay');
    await restarted.subsystem.stop({ releaseVips: true });
    await b.subsystem.stop({ releaseVips: true });
  });
});
