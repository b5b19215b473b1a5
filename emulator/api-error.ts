// An error the emulator answers with, encoded as restJson1 does: status code, x-amzn-ErrorType, {exceptionMessage}.
export type ApiErrorType =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ConflictException'
  | 'ServiceQuotaExceededException'
  | 'InternalServerException'
  | 'ThrottlingException'
  | 'UnknownOperationException';

const STATUS: Record<ApiErrorType, number> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  InternalServerException: 500,
  ThrottlingException: 429,
  UnknownOperationException: 404,
};

export function isApiErrorType(name: string): name is ApiErrorType {
  return Object.hasOwn(STATUS, name);
}

export class EmulatedApiError extends Error {
  readonly type: ApiErrorType;
  readonly statusCode: number;
  constructor(type: ApiErrorType, message: string) {
    super(message);
    this.name = type;
    this.type = type;
    this.statusCode = STATUS[type];
  }
}

export function notFound(kind: string, arn: string): EmulatedApiError {
  return new EmulatedApiError('ResourceNotFoundException', `${kind} not found: ${arn}`);
}

export function invalid(message: string): EmulatedApiError {
  return new EmulatedApiError('ValidationException', message);
}
