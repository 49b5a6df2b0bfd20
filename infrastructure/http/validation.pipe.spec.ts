import 'reflect-metadata';
import { IsInt, IsString, validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { memoizeValidationMetadata } from './validation.pipe';

describe('memoized class-validator rule lookup', () => {
  beforeAll(() => memoizeValidationMetadata());

  class Base {
    @IsString()
    name!: string;
  }
  class Derived extends Base {
    @IsInt()
    count!: number;
  }
  const errorsOf = async <T extends object>(cls: new () => T, plain: object): Promise<string[]> =>
    (await validate(plainToInstance(cls, plain))).flatMap((e) => Object.keys(e.constraints ?? {}).map((c) => `${e.property}:${c}`)).sort();

  it('gives the same answers when asked again, with inherited rules', async () => {
    expect(await errorsOf(Derived, { name: 1, count: 'x' })).toEqual(['count:isInt', 'name:isString']);
    expect(await errorsOf(Derived, { name: 1, count: 'x' })).toEqual(['count:isInt', 'name:isString']);
    expect(await errorsOf(Derived, { name: 'a', count: 2 })).toEqual([]);
    expect(await errorsOf(Base, { name: 1, count: 'x' })).toEqual(['name:isString']);
  });

  it('sees a rule added after a lookup was remembered', async () => {
    class Later {
      @IsString()
      code!: string;
    }
    expect(await errorsOf(Later, { code: 'a', size: 'x' })).toEqual([]);
    IsInt()(Later.prototype, 'size');
    expect(await errorsOf(Later, { code: 'a', size: 'x' })).toEqual(['size:isInt']);
  });
});
