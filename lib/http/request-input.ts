import type { NextRequest } from "next/server";
import { readJsonBody } from "@/lib/http/respond";
import { searchParamsObject } from "@/lib/validation/query";

/** A GET's query string or a POST's JSON body, as one plain object to validate. */
export async function requestInput(request: NextRequest): Promise<unknown> {
  return request.method === "GET" ? searchParamsObject(request.nextUrl) : readJsonBody(request);
}
