import { describe, expect, it } from 'vitest';
import { latinLookalikes } from '../../scripts/latin-lookalikes.js';
import { nameAsSeen } from '../../shared/model/entity-name.js';
import readings from '../../shared/model/latin-lookalikes.json' with { type: 'json' };

describe('the Latin look-alikes shipped with the service', () => {
  it('are exactly the confusables of the library that read as ASCII', () => {
    expect(readings).toEqual(latinLookalikes());
    // Letters of Cyrillic and Greek that spoof Latin names are among them.
    expect(readings.a).toContain('а');
    expect(readings.H).toContain('Η');
    expect(readings.I).toContain('І');
  });

  it('read every listed character as its ASCII look-alike in a name', () => {
    let checked = 0;
    for (const [reading, characters] of Object.entries(readings as Record<string, string>)) {
      for (const character of Array.from(characters)) {
        expect(nameAsSeen(`x${character}x`), `U+${character.codePointAt(0)?.toString(16)}`).toBe(
          `x${reading}x`,
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(600);
  });

  it('leaves a character that reads as no ASCII as it is', () => {
    // Cyrillic `т` looks like no Latin letter in lower case; `Р`, `о`, `с`, `е`, `х` do.
    expect(nameAsSeen('Ростех')).toBe('Pocтex');
    expect(nameAsSeen('稀土')).toBe('稀土');
  });
});
