import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { appErrorFromZod } from "@/lib/errors/from-zod";
import { HTTP_STATUS } from "@/lib/errors/http-status";
import { getLogger } from "./logger";

/** The API.md error body for any thrown value; never a stack trace. */
export function errorResponse(error: unknown): NextResponse {
  const appError = toAppError(error);
  const status = HTTP_STATUS[appError.code];
  if (status >= 500) getLogger().error({ err: error }, "request failed");
  const body: { error: { code: string; message: string; fields?: Record<string, string> } } = {
    error: { code: appError.code, message: appError.message },
  };
  if (appError.details.fields) body.error.fields = appError.details.fields;
  const headers: Record<string, string> = {};
  if (appError.details.retryAfter !== undefined) headers["Retry-After"] = String(appError.details.retryAfter);
  return NextResponse.json(body, { status, headers });
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return appErrorFromZod(error);
  return new AppError("INTERNAL", "Something went wrong on our side. Please try again.");
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/** Wraps a route handler so every failure becomes API.md's error format. */
export function withErrors<C>(handler: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Parses a JSON body; malformed JSON is a 400 like any other bad input. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("VALIDATION_FAILED", "Request body must be valid JSON");
  }
}
