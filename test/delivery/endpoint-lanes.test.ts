import { describe, expect, it } from 'vitest';
import { EndpointLanes } from '../../shared/delivery/endpoint/endpoint-lanes.js';

describe('EndpointLanes', () => {
  it('lets at most `limit` in per lane; the rest wait, and nobody jumps a waiting line', () => {
    const lanes = new EndpointLanes<string>(2);
    expect([lanes.enter('a'), lanes.enter('a'), lanes.enter('a')]).toEqual([true, true, false]);
    lanes.wait('a', 'a3');
    expect(lanes.next()).toBeUndefined();

    lanes.leave('a');
    // A place is free, but a3 waits for it: a newcomer does not take it.
    expect(lanes.enter('a')).toBe(false);
    expect(lanes.next()).toBe('a3');
    expect(lanes.next()).toBeUndefined();
  });

  it('hands free places out round robin over the lanes with waiters', () => {
    const lanes = new EndpointLanes<string>(1);
    for (const key of ['a', 'b']) expect(lanes.enter(key)).toBe(true);
    for (const waiter of ['a1', 'a2', 'b1']) lanes.wait(waiter.charAt(0), waiter);

    lanes.leave('a');
    lanes.leave('b');
    expect(lanes.next()).toBe('a1');
    expect(lanes.next()).toBe('b1');
    expect(lanes.next()).toBeUndefined();
    lanes.leave('a');
    expect(lanes.next()).toBe('a2');
  });

  it('forgets a lane with nothing in flight or waiting, and gives every waiter up on abandonAll', () => {
    const lanes = new EndpointLanes<string>(1);
    lanes.enter('a');
    lanes.enter('b');
    expect(lanes.size).toBe(2);
    lanes.leave('b');
    expect(lanes.size).toBe(1);

    lanes.wait('a', 'a1');
    lanes.wait('a', 'a2');
    expect(lanes.abandonAll()).toEqual(['a1', 'a2']);
    lanes.leave('a');
    expect(lanes.next()).toBeUndefined();
  });
});
