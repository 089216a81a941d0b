import { describeSignInThrottle } from "@/lib/testing/sign-in-throttle-cases";
import { memoryLimiters, SignInThrottle } from "@/lib/auth/sign-in-throttle";

describeSignInThrottle("sign-in throttle (one instance, in memory)", () =>
  Promise.resolve([new SignInThrottle(memoryLimiters())]),
);
