/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */
import { hasField } from "../schema-runtime/has-field.js";
import { isJsonObject } from "../schema-runtime/is-json-object.js";
import { issue } from "../schema-runtime/issue.js";
import { pointerSegment } from "../schema-runtime/pointer-segment.js";
import { longerThan } from "../schema-runtime/string-length.js";
const pattern2 = /^[A-Za-z0-9_|*-]+$/u;
const pattern5 = /^[0-9]{14}$/u;
const pattern6 = /^[0-9a-f]{64}$/u;
const pattern7 = /^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$/u;
function check0(d, p, e) {
    if (isJsonObject(d)) {
        for (const key4 in d) {
            if (!(key4 === "fenOrderId" || key4 === "mid" || key4 === "serviceId" || key4 === "type" || key4 === "detail"))
                e = issue(e, p + "/" + pointerSegment(key4), "additionalProperties", "is not a known field");
        }
        if (hasField(d, "fenOrderId")) {
            const x0 = d.fenOrderId;
            if (typeof x0 === "string") {
                if (longerThan(x0, 32))
                    e = issue(e, p + "/fenOrderId", "maxLength", "must be at most 32 characters");
                if (x0 === "")
                    e = issue(e, p + "/fenOrderId", "minLength", "must be at least 1 characters");
                if (x0.length <= 64)
                    if (!pattern2.test(x0))
                        e = issue(e, p + "/fenOrderId", "pattern", "must be letters, digits and _-|* only");
            }
            else
                e = issue(e, p + "/fenOrderId", "type", "must be string");
        }
        else
            e = issue(e, p + "/fenOrderId", "required", "is required");
        if (hasField(d, "mid")) {
            const x1 = d.mid;
            if (typeof x1 === "string") {
                if (longerThan(x1, 32))
                    e = issue(e, p + "/mid", "maxLength", "must be at most 32 characters");
                if (x1 === "")
                    e = issue(e, p + "/mid", "minLength", "must be at least 1 characters");
            }
            else
                e = issue(e, p + "/mid", "type", "must be string");
        }
        else
            e = issue(e, p + "/mid", "required", "is required");
        if (hasField(d, "serviceId")) {
            const x2 = d.serviceId;
            if (typeof x2 === "string") {
                if (longerThan(x2, 32))
                    e = issue(e, p + "/serviceId", "maxLength", "must be at most 32 characters");
                if (x2 === "")
                    e = issue(e, p + "/serviceId", "minLength", "must be at least 1 characters");
            }
            else
                e = issue(e, p + "/serviceId", "type", "must be string");
        }
        else
            e = issue(e, p + "/serviceId", "required", "is required");
        if (hasField(d, "type")) {
            const x3 = d.type;
            if (typeof x3 === "string") {
                if (longerThan(x3, 32))
                    e = issue(e, p + "/type", "maxLength", "must be at most 32 characters");
            }
            else
                e = issue(e, p + "/type", "type", "must be string");
            if (!(x3 === "Order_Paid"))
                e = issue(e, p + "/type", "enum", "must be one of [\"Order_Paid\"]");
        }
        else
            e = issue(e, p + "/type", "required", "is required");
        if (hasField(d, "detail"))
            e = check3(d.detail, p + "/detail", e);
    }
    else
        e = issue(e, p, "type", "must be object");
    if (test4(d))
        if (isJsonObject(d))
            if (!hasField(d, "detail"))
                e = issue(e, p + "/detail", "required", "is required");
    return e;
}
function check1(d, p, e) {
    if (isJsonObject(d)) {
        for (const key5 in d) {
            if (!(key5 === "appId" || key5 === "timestamp" || key5 === "nonce" || key5 === "signMethod" || key5 === "signature"))
                e = issue(e, p + "/" + pointerSegment(key5), "additionalProperties", "is not a known field");
        }
        if (hasField(d, "appId")) {
            const x0 = d.appId;
            if (typeof x0 === "string") {
                if (longerThan(x0, 64))
                    e = issue(e, p + "/appId", "maxLength", "must be at most 64 characters");
                if (x0 === "")
                    e = issue(e, p + "/appId", "minLength", "must be at least 1 characters");
            }
            else
                e = issue(e, p + "/appId", "type", "must be string");
        }
        else
            e = issue(e, p + "/appId", "required", "is required");
        if (hasField(d, "timestamp")) {
            const x1 = d.timestamp;
            if (typeof x1 === "string") {
                if (!pattern5.test(x1))
                    e = issue(e, p + "/timestamp", "pattern", "must be 14 digits, yyyyMMddHHmmss");
            }
            else
                e = issue(e, p + "/timestamp", "type", "must be string");
        }
        else
            e = issue(e, p + "/timestamp", "required", "is required");
        if (hasField(d, "nonce")) {
            const x2 = d.nonce;
            if (typeof x2 === "string") {
                if (longerThan(x2, 128))
                    e = issue(e, p + "/nonce", "maxLength", "must be at most 128 characters");
                if (x2 === "")
                    e = issue(e, p + "/nonce", "minLength", "must be at least 1 characters");
            }
            else
                e = issue(e, p + "/nonce", "type", "must be string");
        }
        else
            e = issue(e, p + "/nonce", "required", "is required");
        if (hasField(d, "signMethod")) {
            const x3 = d.signMethod;
            if (!(typeof x3 === "string"))
                e = issue(e, p + "/signMethod", "type", "must be string");
            if (!(x3 === "SHA256"))
                e = issue(e, p + "/signMethod", "enum", "must be one of [\"SHA256\"]");
        }
        else
            e = issue(e, p + "/signMethod", "required", "is required");
        if (hasField(d, "signature")) {
            const x4 = d.signature;
            if (typeof x4 === "string") {
                if (!pattern6.test(x4))
                    e = issue(e, p + "/signature", "pattern", "must be 64 lower-case hex digits");
            }
            else
                e = issue(e, p + "/signature", "type", "must be string");
        }
        else
            e = issue(e, p + "/signature", "required", "is required");
    }
    else
        e = issue(e, p, "type", "must be object");
    return e;
}
function check3(d, p, e) {
    if (isJsonObject(d)) {
        for (const key1 in d) {
            if (!(key1 === "paidTime"))
                e = issue(e, p + "/" + pointerSegment(key1), "additionalProperties", "is not a known field");
        }
        if (hasField(d, "paidTime")) {
            const x0 = d.paidTime;
            if (typeof x0 === "string") {
                if (longerThan(x0, 64))
                    e = issue(e, p + "/paidTime", "maxLength", "must be at most 64 characters");
                if (x0.length <= 128)
                    if (!pattern7.test(x0))
                        e = issue(e, p + "/paidTime", "pattern", "must be yyyyMMddHHmmss (or yyyyMMdd), Beijing time");
            }
            else
                e = issue(e, p + "/paidTime", "type", "must be string");
        }
        else
            e = issue(e, p + "/paidTime", "required", "is required");
    }
    else
        e = issue(e, p, "type", "must be object");
    return e;
}
function test4(d) {
    if (isJsonObject(d))
        if (hasField(d, "type")) {
            const x0 = d.type;
            if (x0 !== "Order_Paid")
                return false;
        }
        else
            return false;
    return true;
}
/** The issues of a request body of `syncPayScoreOrder`, or null when it is valid. */
export function validateSyncPayScoreOrder(data) {
    return check0(data, "", null);
}
/** The issues of a request body of `getAccessToken`, or null when it is valid. */
export function validateGetAccessToken(data) {
    return check1(data, "", null);
}
