import { hostParameter, ormOptions } from './orm-options';

describe('ormOptions', () => {
  it('passes a Unix socket directory given as ?host= on to MikroORM (which reads only the authority)', () => {
    const url = 'postgresql://app@localhost/vpvkac?host=%2Fvar%2Frun%2Fpostgresql';
    expect(hostParameter(url)).toBe('/var/run/postgresql');
    expect(ormOptions(url).host).toBe('/var/run/postgresql');
  });

  it('leaves an ordinary TCP URL alone, and does not choke on one it cannot parse', () => {
    expect(ormOptions('postgres://app@127.0.0.1:5432/vpvkac').host).toBeUndefined();
    expect(hostParameter('not a url')).toBeUndefined();
  });
});
