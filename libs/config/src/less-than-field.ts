import { registerDecorator, type ValidationArguments } from 'class-validator';

/** The value must be a number below another variable of the same env (e.g. a timeout below the reclaim idle time). */
export function IsLessThanField(field: string, why: string): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'isLessThanField', target: target.constructor, propertyName: String(propertyName), constraints: [field],
    validator: {
      validate: (value: unknown, args: ValidationArguments) =>
        typeof value === 'number' && value < Number((args.object as Record<string, unknown>)[field]),
      defaultMessage: (args: ValidationArguments) =>
        `must be below ${field} (${String((args.object as Record<string, unknown>)[field])}): ${why}`,
    },
  });
}
