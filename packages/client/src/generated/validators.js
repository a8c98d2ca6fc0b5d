/**
 * GENERATED FILE — DO NOT EDIT.
 * Source: spec/openapi.yaml. Regenerate with `pnpm generate`; CI fails when this file and the
 * spec disagree.
 */
// Ajv 8.20.0 standalone code, JSON Schema 2020-12, allErrors.
import { pushError } from "../ajv-runtime.js";
export const validateSyncPayScoreOrder = validate22;
import { ucs2length as func1 } from "../ajv-runtime.js";
const pattern4 = new RegExp("^[A-Za-z0-9_|*-]+$", "u");
const pattern5 = new RegExp("^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$", "u");

function validate22(data){
const vErrors = [];
const _errs1 = vErrors.length;
let valid0 = true;
const _errs2 = vErrors.length;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
vErrors.push({});
}
else {
if(data.type !== undefined){
if("Order_Paid" !== data.type){
vErrors.push({});
}
}
}
}
var _valid0 = _errs2 === vErrors.length;
vErrors.length = _errs1;
if(_valid0){
const _errs4 = vErrors.length;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.detail === undefined){
pushError(vErrors, "", "required", {missingProperty: "detail"});
}
}
var _valid0 = _errs4 === vErrors.length;
valid0 = _valid0;
}
if(!valid0){
pushError(vErrors, "", "if", {failingKeyword: "then"});
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.fenOrderId === undefined){
pushError(vErrors, "", "required", {missingProperty: "fenOrderId"});
}
if(data.mid === undefined){
pushError(vErrors, "", "required", {missingProperty: "mid"});
}
if(data.serviceId === undefined){
pushError(vErrors, "", "required", {missingProperty: "serviceId"});
}
if(data.type === undefined){
pushError(vErrors, "", "required", {missingProperty: "type"});
}
for(const key0 in data){
if(!(((((key0 === "fenOrderId") || (key0 === "mid")) || (key0 === "serviceId")) || (key0 === "type")) || (key0 === "detail"))){
pushError(vErrors, "", "additionalProperties", {additionalProperty: key0});
}
}
if(data.fenOrderId !== undefined){
let data1 = data.fenOrderId;
if(typeof data1 === "string"){
if((data1.length > 64 || func1(data1) > 32)){
pushError(vErrors, "/fenOrderId", "maxLength", {limit: 32});
}
if((data1.length < 2 && func1(data1) < 1)){
pushError(vErrors, "/fenOrderId", "minLength", {limit: 1});
}
if(!pattern4.test(data1)){
pushError(vErrors, "/fenOrderId", "pattern", {pattern: "^[A-Za-z0-9_|*-]+$"});
}
}
else {
pushError(vErrors, "/fenOrderId", "type", {type: "string"});
}
}
if(data.mid !== undefined){
let data2 = data.mid;
if(typeof data2 === "string"){
if((data2.length > 64 || func1(data2) > 32)){
pushError(vErrors, "/mid", "maxLength", {limit: 32});
}
if((data2.length < 2 && func1(data2) < 1)){
pushError(vErrors, "/mid", "minLength", {limit: 1});
}
}
else {
pushError(vErrors, "/mid", "type", {type: "string"});
}
}
if(data.serviceId !== undefined){
let data3 = data.serviceId;
if(typeof data3 === "string"){
if((data3.length > 64 || func1(data3) > 32)){
pushError(vErrors, "/serviceId", "maxLength", {limit: 32});
}
if((data3.length < 2 && func1(data3) < 1)){
pushError(vErrors, "/serviceId", "minLength", {limit: 1});
}
}
else {
pushError(vErrors, "/serviceId", "type", {type: "string"});
}
}
if(data.type !== undefined){
let data4 = data.type;
if(!(data4 === "Order_Paid")){
pushError(vErrors, "/type", "enum", {allowedValues: ["Order_Paid"]});
}
if(typeof data4 === "string"){
if((data4.length > 64 || func1(data4) > 32)){
pushError(vErrors, "/type", "maxLength", {limit: 32});
}
}
else {
pushError(vErrors, "/type", "type", {type: "string"});
}
}
if(data.detail !== undefined){
let data5 = data.detail;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.paidTime === undefined){
pushError(vErrors, "/detail", "required", {missingProperty: "paidTime"});
}
for(const key1 in data5){
if(!(key1 === "paidTime")){
pushError(vErrors, "/detail", "additionalProperties", {additionalProperty: key1});
}
}
if(data5.paidTime !== undefined){
let data6 = data5.paidTime;
if(typeof data6 === "string"){
if((data6.length > 128 || func1(data6) > 64)){
pushError(vErrors, "/detail/paidTime", "maxLength", {limit: 64});
}
if(!pattern5.test(data6)){
pushError(vErrors, "/detail/paidTime", "pattern", {pattern: "^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$"});
}
}
else {
pushError(vErrors, "/detail/paidTime", "type", {type: "string"});
}
}
}
else {
pushError(vErrors, "/detail", "type", {type: "object"});
}
}
}
else {
pushError(vErrors, "", "type", {type: "object"});
}
validate22.errors = vErrors[0] ? vErrors : null;
return vErrors.length === 0;
}



export const validateGetAccessToken = validate24;
const pattern6 = new RegExp("^[0-9]{14}$", "u");
const pattern7 = new RegExp("^[0-9a-f]{64}$", "u");

function validate24(data){
/*# sourceURL="tianman:getAccessToken" */;
const vErrors = [];
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.appId === undefined){
pushError(vErrors, "", "required", {missingProperty: "appId"});
}
if(data.timestamp === undefined){
pushError(vErrors, "", "required", {missingProperty: "timestamp"});
}
if(data.nonce === undefined){
pushError(vErrors, "", "required", {missingProperty: "nonce"});
}
if(data.signMethod === undefined){
pushError(vErrors, "", "required", {missingProperty: "signMethod"});
}
if(data.signature === undefined){
pushError(vErrors, "", "required", {missingProperty: "signature"});
}
for(const key0 in data){
if(!(((((key0 === "appId") || (key0 === "timestamp")) || (key0 === "nonce")) || (key0 === "signMethod")) || (key0 === "signature"))){
pushError(vErrors, "", "additionalProperties", {additionalProperty: key0});
}
}
if(data.appId !== undefined){
let data0 = data.appId;
if(typeof data0 === "string"){
if((data0.length > 128 || func1(data0) > 64)){
pushError(vErrors, "/appId", "maxLength", {limit: 64});
}
if((data0.length < 2 && func1(data0) < 1)){
pushError(vErrors, "/appId", "minLength", {limit: 1});
}
}
else {
pushError(vErrors, "/appId", "type", {type: "string"});
}
}
if(data.timestamp !== undefined){
let data1 = data.timestamp;
if(typeof data1 === "string"){
if(!pattern6.test(data1)){
pushError(vErrors, "/timestamp", "pattern", {pattern: "^[0-9]{14}$"});
}
}
else {
pushError(vErrors, "/timestamp", "type", {type: "string"});
}
}
if(data.nonce !== undefined){
let data2 = data.nonce;
if(typeof data2 === "string"){
if((data2.length > 256 || func1(data2) > 128)){
pushError(vErrors, "/nonce", "maxLength", {limit: 128});
}
if((data2.length < 2 && func1(data2) < 1)){
pushError(vErrors, "/nonce", "minLength", {limit: 1});
}
}
else {
pushError(vErrors, "/nonce", "type", {type: "string"});
}
}
if(data.signMethod !== undefined){
let data3 = data.signMethod;
if(typeof data3 !== "string"){
pushError(vErrors, "/signMethod", "type", {type: "string"});
}
if(!(data3 === "SHA256")){
pushError(vErrors, "/signMethod", "enum", {allowedValues: ["SHA256"]});
}
}
if(data.signature !== undefined){
let data4 = data.signature;
if(typeof data4 === "string"){
if(!pattern7.test(data4)){
pushError(vErrors, "/signature", "pattern", {pattern: "^[0-9a-f]{64}$"});
}
}
else {
pushError(vErrors, "/signature", "type", {type: "string"});
}
}
}
else {
pushError(vErrors, "", "type", {type: "object"});
}
validate24.errors = vErrors[0] ? vErrors : null;
return vErrors.length === 0;
}
