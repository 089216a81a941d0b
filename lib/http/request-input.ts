import type { NextRequest } from "next/server";
import { BODY_LIMITS, readJsonBody } from "@/lib/http/json-body";
import { searchParamsObject } from "@/lib/validation/query";

/** A GET's query string or a POST's JSON body, as one plain object to validate. */
export async function requestInput(request: NextRequest): Promise<unknown> {
  return request.method === "GET"
    ? searchParamsObject(request.nextUrl)
    : readJsonBody(request, { maxBytes: BODY_LIMITS.prompt });
}
