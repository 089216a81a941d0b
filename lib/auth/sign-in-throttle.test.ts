import { describeSignInThrottle } from "@/lib/auth/sign-in-throttle-cases";
import { MemorySignInThrottle } from "@/lib/auth/sign-in-throttle";

describeSignInThrottle("sign-in throttle (one instance, in memory)", () => new MemorySignInThrottle());
