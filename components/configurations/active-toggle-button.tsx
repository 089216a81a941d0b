"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { updateConfiguration } from "@/components/configurations/configuration-api";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/** Deactivates (hidden from the dashboard and the playground, history kept) or activates again. */
export function ActiveToggleButton({ id, name, active }: { id: number; name: string; active: boolean }) {
  const [saving, setSaving] = useState(false);
  const router = useRouter();
  const toast = useToast();

  async function toggle() {
    if (saving) return;
    setSaving(true);
    const result = await updateConfiguration(id, { active: !active });
    setSaving(false);
    if (!result.ok) {
      toast(`“${name}” was not changed: ${result.error.message}`, "error");
      return;
    }
    toast(active ? `Deactivated “${name}”: it no longer appears in the playground.` : `Activated “${name}”.`);
    router.refresh();
  }

  return (
    <Button
      variant="ghost"
      onClick={toggle}
      pending={saving}
      data-testid={active ? "deactivate-configuration" : "activate-configuration"}
    >
      {active ? "Deactivate" : "Activate"}
      <span className="sr-only"> {name}</span>
    </Button>
  );
}
