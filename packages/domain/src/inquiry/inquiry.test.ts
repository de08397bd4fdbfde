import { describe, expect, it } from "vitest";
import { attributionFromSearch, InquiryInput, inquiryTouch } from "./inquiry.ts";

const AT = new Date("2026-11-25T18:00:00Z");

describe("InquiryInput", () => {
  it("takes a form's strings: a ticked box, empty fields as missing, the phone in E.164", () => {
    const parsed = InquiryInput.parse({ name: " Ana ", phone: "818.555.0142", email: "", preferredContact: "", language: "", textConsent: "on", website: "" });
    expect(parsed).toMatchObject({ name: "Ana", phone: "+18185550142", textConsent: true });
    expect(parsed.email).toBeUndefined();
    expect(parsed.preferredContact).toBeUndefined();
    expect(InquiryInput.parse({ name: "Ana", phone: "8185550142" }).textConsent).toBe(false);
    expect(InquiryInput.parse({ name: "Ana", phone: "8185550142", textConsent: false }).textConsent).toBe(false);
  });

  it("drops a landing page or referrer that is not an http(s) address rather than refusing the person", () => {
    const parsed = InquiryInput.parse({ name: "Ana", phone: "8185550142", landingPage: "javascript:alert(1)", referrer: "https://ok.example/x" });
    expect(parsed.landingPage).toBeUndefined();
    expect(parsed.referrer).toBe("https://ok.example/x");
  });

  it("names each bad field without repeating it", () => {
    const result = InquiryInput.safeParse({ name: "Bad\u202Ename", phone: "12", textConsent: "maybe-7731", utm_campaign: "x".repeat(101) });
    expect(result.success).toBe(false);
    const text = JSON.stringify(result.error?.issues);
    expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(["name", "phone", "textConsent", "utm_campaign"]);
    expect(text).not.toContain("maybe-7731");
    expect(text).not.toContain("Bad");
  });
});

describe("inquiryTouch", () => {
  it("takes the UTM parameters as they are", () => {
    const input = InquiryInput.parse({
      name: "A",
      phone: "8185550142",
      utm_source: "fb",
      utm_medium: "paid_social",
      utm_campaign: "spring",
      utm_term: "tms",
      utm_content: "video",
    });
    expect(inquiryTouch(input, AT)).toMatchObject({ source: "fb", medium: "paid_social", campaign: "spring", term: "tms", content: "video", at: AT });
  });
});

describe("attributionFromSearch", () => {
  it("keeps only the attribution parameters, trimmed and bounded", () => {
    expect(attributionFromSearch("?utm_source=google&utm_medium=cpc&utm_campaign=%20spring%20&gclid=abc&other=1&utm_term=")).toEqual({
      utm_source: "google",
      utm_medium: "cpc",
      utm_campaign: "spring",
      gclid: "abc",
    });
    expect(attributionFromSearch(`?utm_source=${"s".repeat(300)}`).utm_source).toHaveLength(100);
  });
});
