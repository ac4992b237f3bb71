import { describe, expect, it } from "vitest";
import {
  activeClient,
  at,
  inTransaction,
  linkConsole,
  type OpenStore,
  t,
  therapist,
  withStore,
} from "./harness.js";

/** Inbound event ids, identities, people, codes and clients. */
export function peopleContract(open: OpenStore): void {
  describe("inbound events and identities", () => {
    it("records an inbound event id once per channel", () =>
      withStore(open, async (store) => {
        expect(await store.transaction((tx) => tx.recordInbound("telegram", "u1", at))).toBe(true);
        expect(await store.transaction((tx) => tx.recordInbound("telegram", "u1", t(5)))).toBe(false);
        expect(await store.transaction((tx) => tx.recordInbound("slack", "u1", t(5)))).toBe(true);
      }));

    it("keeps identities by channel and platform id, with their address, and finds them again", () =>
      withStore(open, async (store) => {
        const found = await store.transaction(async (tx) => {
          const person = await tx.createPerson("therapist", "Dr Rivera", at);
          await tx.saveIdentity(
            {
              channel: "telegram",
              externalId: "735",
              personId: person,
              address: { chatId: 735 },
              locale: "en",
              timeZone: "Europe/Berlin",
            },
            at,
          );
          return tx.findIdentity("telegram", "735");
        });
        expect(found).toMatchObject({
          channel: "telegram",
          externalId: "735",
          address: { chatId: 735 },
          locale: "en",
          timeZone: "Europe/Berlin",
          unreachableAt: null,
        });
        expect(await store.transaction((tx) => tx.findIdentity("slack", "735"))).toBeUndefined();
        expect(await store.transaction((tx) => tx.findIdentity("telegram", "736"))).toBeUndefined();
      }));

    it("saves an identity again over the old one: new address, the locale and zone kept when not given", () =>
      inTransaction(open, async (tx) => {
        const person = await tx.createPerson("therapist", "Dr Rivera", at);
        const base = { channel: "slack", externalId: "U1", personId: person };
        await tx.saveIdentity(
          { ...base, address: { channel: "D1" }, locale: "de", timeZone: "Europe/Berlin" },
          at,
        );
        await tx.saveIdentity({ ...base, address: { channel: "D2" }, locale: null }, t(1));
        expect(await tx.findIdentity("slack", "U1")).toMatchObject({
          address: { channel: "D2" },
          locale: "de",
          timeZone: "Europe/Berlin",
          lastSeenAt: t(1),
        });
        expect(await tx.identitiesOf(person)).toHaveLength(1);
      }));

    it("lists a person's identities, the one seen most recently first, and deletes one", () =>
      inTransaction(open, async (tx) => {
        const person = await tx.createPerson("therapist", "Dr Rivera", at);
        const other = await tx.createPerson("therapist", "Dr Night", at);
        await linkConsole(tx, person, "old", t(1));
        await linkConsole(tx, person, "new", t(3));
        await linkConsole(tx, person, "middle", t(2));
        await linkConsole(tx, other, "night", t(4));
        expect((await tx.identitiesOf(person)).map((i) => i.externalId)).toEqual(["new", "middle", "old"]);
        await tx.deleteIdentity("console", "middle");
        expect(await tx.findIdentity("console", "middle")).toBeUndefined();
        expect((await tx.identitiesOf(person)).map((i) => i.externalId)).toEqual(["new", "old"]);
        expect((await tx.identitiesOf(other)).map((i) => i.externalId)).toEqual(["night"]);
      }));

    it("marks an identity unreachable once, returning its person; saving it again makes it reachable", () =>
      inTransaction(open, async (tx) => {
        const person = await therapist(tx);
        expect(await tx.markUnreachable("console", "rivera", t(1))).toBe(person);
        expect(await tx.markUnreachable("console", "rivera", t(2))).toBeUndefined();
        expect(await tx.markUnreachable("console", "nobody", t(2))).toBeUndefined();
        expect((await tx.findIdentity("console", "rivera"))?.unreachableAt).toBe(t(1));
        await linkConsole(tx, person, "rivera", t(3));
        expect((await tx.findIdentity("console", "rivera"))?.unreachableAt).toBeNull();
      }));
  });

  describe("people and codes", () => {
    it("keeps people by id: a therapist's name as given, a client's name is their alias", () =>
      inTransaction(open, async (tx) => {
        const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
        const alex = await tx.createClient(rivera, "alex", at);
        expect(await tx.getPerson(rivera)).toMatchObject({
          id: rivera,
          role: "therapist",
          name: "Dr Rivera",
          locale: null,
        });
        expect(await tx.getPerson(alex.personId)).toMatchObject({ role: "client", name: "alex" });
        expect(await tx.getPerson(alex.personId + 100)).toBeUndefined();
      }));

    it("finds a therapist by name whatever its case, and never a client", () =>
      inTransaction(open, async (tx) => {
        const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
        await tx.createClient(rivera, "Dr Alex", at);
        expect((await tx.findTherapistByName("dr RIVERA"))?.id).toBe(rivera);
        expect(await tx.findTherapistByName("Dr Alex")).toBeUndefined();
        expect(await tx.findTherapistByName("Dr Night")).toBeUndefined();
      }));

    it("keeps a code until used, and withdraws a person's unused codes of one kind only", () =>
      inTransaction(open, async (tx) => {
        const person = await tx.createPerson("therapist", "Dr Rivera", at);
        const week = t(7 * 24 * 60);
        await tx.createCode("h1", "link", person, at, week);
        expect(await tx.findCode("h1")).toEqual({
          kind: "link",
          personId: person,
          expiresAt: week,
          usedAt: null,
        });
        await tx.useCode("h1", t(5));
        expect((await tx.findCode("h1"))?.usedAt).toBe(t(5));
        await tx.createCode("h2", "link", person, at, week);
        await tx.createCode("h3", "invite", person, at, week);
        await tx.revokeCodes(person, "link");
        expect(await tx.findCode("h2")).toBeUndefined();
        expect(await tx.findCode("h1")).toBeDefined();
        expect((await tx.findCode("h3"))?.kind).toBe("invite");
        expect(await tx.findCode("nope")).toBeUndefined();
      }));
  });

  describe("clients", () => {
    it("creates a client with an alias unique per therapist, found by alias and by id", () =>
      inTransaction(open, async (tx) => {
        const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
        const night = await tx.createPerson("therapist", "Dr Night", at);
        const alex = await tx.createClient(rivera, "alex", at);
        expect(alex).toMatchObject({ alias: "alex", therapistId: rivera, status: "invited", age: null });
        expect(await tx.findClient(rivera, "alex")).toMatchObject({
          personId: alex.personId,
          therapistId: rivera,
          alias: "alex",
          status: "invited",
          age: null,
          timeZone: null,
          pausedAt: null,
          resumeQuestion: false,
        });
        expect(await tx.findClient(night, "alex")).toBeUndefined();
        expect((await tx.getClient(alex.personId))?.alias).toBe("alex");
        expect(await tx.getClient(rivera)).toBeUndefined();
        // The same alias under another therapist is another client.
        const other = await tx.createClient(night, "alex", at);
        expect(other.personId).not.toBe(alex.personId);
      }));

    it("changes a client's status, age and the question-resume flag", () =>
      inTransaction(open, async (tx) => {
        const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
        const { personId } = await tx.createClient(rivera, "alex", at);
        await tx.setClientStatus(personId, "joining");
        await tx.setClientAge(personId, 17);
        await tx.setResumeQuestion(personId, true);
        expect(await tx.getClient(personId)).toMatchObject({
          status: "joining",
          age: 17,
          resumeQuestion: true,
        });
        await tx.setClientStatus(personId, "discharged");
        await tx.setClientAge(personId, null);
        await tx.setResumeQuestion(personId, false);
        expect(await tx.getClient(personId)).toMatchObject({
          status: "discharged",
          age: null,
          resumeQuestion: false,
        });
      }));

    it("gives a client's zone: the therapist's setting, else the platform's of the latest identity with one", () =>
      inTransaction(open, async (tx) => {
        const rivera = await tx.createPerson("therapist", "Dr Rivera", at);
        const { personId } = await tx.createClient(rivera, "alex", at);
        expect(await tx.clientZone(personId)).toBeNull();
        const identity = { personId, address: {}, locale: null };
        await tx.saveIdentity(
          { ...identity, channel: "slack", externalId: "U1", timeZone: "Asia/Tokyo" },
          t(1),
        );
        await tx.saveIdentity(
          { ...identity, channel: "slack", externalId: "U2", timeZone: "Europe/Paris" },
          t(2),
        );
        await tx.saveIdentity({ ...identity, channel: "console", externalId: "alex" }, t(3));
        expect(await tx.clientZone(personId)).toBe("Europe/Paris");
        await tx.setClientTimeZone(personId, "America/Denver");
        expect(await tx.clientZone(personId)).toBe("America/Denver");
        expect((await tx.getClient(personId))?.timeZone).toBe("America/Denver");
        await tx.setClientTimeZone(personId, null);
        expect(await tx.clientZone(personId)).toBe("Europe/Paris");
      }));

    it("pauses and resumes a client once each: false when it already was so", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const { personId } = await activeClient(tx, rivera, "alex");
        expect(await tx.setPaused(personId, null)).toBe(false);
        expect(await tx.setPaused(personId, t(1))).toBe(true);
        expect(await tx.setPaused(personId, t(2))).toBe(false);
        expect((await tx.getClient(personId))?.pausedAt).toBe(t(1));
        expect(await tx.setPaused(personId, null)).toBe(true);
        expect((await tx.getClient(personId))?.pausedAt).toBeNull();
      }));

    it("keeps a dated break's end, lists it once ended, and clears it with the pause", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        expect(await tx.setPaused(alex.personId, t(1), t(5))).toBe(true);
        expect(await tx.setPaused(bea.personId, t(1), t(8))).toBe(true);
        expect((await tx.getClient(alex.personId))?.pausedUntil).toBe(t(5));
        expect(await tx.breaksEnded(t(4))).toEqual([]);
        expect(await tx.breaksEnded(t(5))).toEqual([alex.personId]);
        expect(await tx.breaksEnded(t(9))).toEqual([alex.personId, bea.personId]);
        // Paused again with another end, or none: the end changes, the pause is the one it was.
        expect(await tx.setPaused(bea.personId, t(2), null)).toBe(false);
        expect(await tx.getClient(bea.personId)).toMatchObject({ pausedAt: t(1), pausedUntil: null });
        expect(await tx.setPaused(alex.personId, null)).toBe(true);
        expect(await tx.getClient(alex.personId)).toMatchObject({ pausedAt: null, pausedUntil: null });
        expect(await tx.breaksEnded(t(9))).toEqual([]);
      }));

    it("keeps a client's instrument plan in its order and their language; null goes back to the defaults", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const alex = await activeClient(tx, rivera, "alex");
        const bea = await activeClient(tx, rivera, "bea");
        expect(await tx.getClient(alex.personId)).toMatchObject({ instruments: null, language: null });
        await tx.setClientInstruments(alex.personId, ["progress", "alliance", "phq9"]);
        await tx.setClientLanguage(alex.personId, "de");
        expect(await tx.findClient(rivera, "alex")).toMatchObject({
          instruments: ["progress", "alliance", "phq9"],
          language: "de",
        });
        expect(await tx.getClient(bea.personId)).toMatchObject({ instruments: null, language: null });
        // A new plan replaces the old one whole, order included.
        await tx.setClientInstruments(alex.personId, ["alliance"]);
        expect((await tx.getClient(alex.personId))?.instruments).toEqual(["alliance"]);
        await tx.setClientInstruments(alex.personId, null);
        await tx.setClientLanguage(alex.personId, null);
        expect(await tx.getClient(alex.personId)).toMatchObject({ instruments: null, language: null });
      }));

    it("keeps consents in order, the latest one answering", () =>
      inTransaction(open, async (tx) => {
        const rivera = await therapist(tx);
        const { personId } = await activeClient(tx, rivera, "alex");
        expect(await tx.latestConsent(personId)).toBeUndefined();
        await tx.recordConsent(personId, 1, "given", t(1));
        await tx.recordConsent(personId, 2, "declined", t(2));
        expect(await tx.latestConsent(personId)).toEqual({ version: 2, choice: "declined" });
        await tx.recordConsent(personId, 2, "given", t(3));
        expect(await tx.latestConsent(personId)).toEqual({ version: 2, choice: "given" });
        expect((await tx.clientData(personId)).consents).toEqual([
          { version: 1, choice: "given", at: t(1) },
          { version: 2, choice: "declined", at: t(2) },
          { version: 2, choice: "given", at: t(3) },
        ]);
      }));
  });
}
