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

function validate22(data, {instancePath=""}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
let valid0 = true;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.type === undefined) && (missing0 = "type")){
(vErrors ??= []).push({});
errors++;
}
else {
if(data.type !== undefined){
if("Order_Paid" !== data.type){
(vErrors ??= []).push({});
errors++;
}
}
}
}
var _valid0 = _errs2 === errors;
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.detail === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "detail"});
errors++;
}
}
var _valid0 = _errs4 === errors;
valid0 = _valid0;
}
if(!valid0){
vErrors = pushError(vErrors, instancePath, "if", {failingKeyword: "then"});
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.fenOrderId === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "fenOrderId"});
errors++;
}
if(data.mid === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "mid"});
errors++;
}
if(data.serviceId === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "serviceId"});
errors++;
}
if(data.type === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "type"});
errors++;
}
for(const key0 in data){
if(!(((((key0 === "fenOrderId") || (key0 === "mid")) || (key0 === "serviceId")) || (key0 === "type")) || (key0 === "detail"))){
vErrors = pushError(vErrors, instancePath, "additionalProperties", {additionalProperty: key0});
errors++;
}
}
if(data.fenOrderId !== undefined){
let data1 = data.fenOrderId;
if(typeof data1 === "string"){
if((data1.length > 64 || func1(data1) > 32)){
vErrors = pushError(vErrors, instancePath+"/fenOrderId", "maxLength", {limit: 32});
errors++;
}
if((data1.length < 2 && func1(data1) < 1)){
vErrors = pushError(vErrors, instancePath+"/fenOrderId", "minLength", {limit: 1});
errors++;
}
if(!pattern4.test(data1)){
vErrors = pushError(vErrors, instancePath+"/fenOrderId", "pattern", {pattern: "^[A-Za-z0-9_|*-]+$"});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/fenOrderId", "type", {type: "string"});
errors++;
}
}
if(data.mid !== undefined){
let data2 = data.mid;
if(typeof data2 === "string"){
if((data2.length > 64 || func1(data2) > 32)){
vErrors = pushError(vErrors, instancePath+"/mid", "maxLength", {limit: 32});
errors++;
}
if((data2.length < 2 && func1(data2) < 1)){
vErrors = pushError(vErrors, instancePath+"/mid", "minLength", {limit: 1});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/mid", "type", {type: "string"});
errors++;
}
}
if(data.serviceId !== undefined){
let data3 = data.serviceId;
if(typeof data3 === "string"){
if((data3.length > 64 || func1(data3) > 32)){
vErrors = pushError(vErrors, instancePath+"/serviceId", "maxLength", {limit: 32});
errors++;
}
if((data3.length < 2 && func1(data3) < 1)){
vErrors = pushError(vErrors, instancePath+"/serviceId", "minLength", {limit: 1});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/serviceId", "type", {type: "string"});
errors++;
}
}
if(data.type !== undefined){
let data4 = data.type;
if(!(data4 === "Order_Paid")){
vErrors = pushError(vErrors, instancePath+"/type", "enum", {allowedValues: ["Order_Paid"]});
errors++;
}
if(typeof data4 === "string"){
if((data4.length > 64 || func1(data4) > 32)){
vErrors = pushError(vErrors, instancePath+"/type", "maxLength", {limit: 32});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/type", "type", {type: "string"});
errors++;
}
}
if(data.detail !== undefined){
let data5 = data.detail;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.paidTime === undefined){
vErrors = pushError(vErrors, instancePath+"/detail", "required", {missingProperty: "paidTime"});
errors++;
}
for(const key1 in data5){
if(!(key1 === "paidTime")){
vErrors = pushError(vErrors, instancePath+"/detail", "additionalProperties", {additionalProperty: key1});
errors++;
}
}
if(data5.paidTime !== undefined){
let data6 = data5.paidTime;
if(typeof data6 === "string"){
if((data6.length > 128 || func1(data6) > 64)){
vErrors = pushError(vErrors, instancePath+"/detail/paidTime", "maxLength", {limit: 64});
errors++;
}
if(!pattern5.test(data6)){
vErrors = pushError(vErrors, instancePath+"/detail/paidTime", "pattern", {pattern: "^[0-9]{4}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(([01][0-9]|2[0-3])[0-5][0-9][0-5][0-9])?$"});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/detail/paidTime", "type", {type: "string"});
errors++;
}
}
}
else {
vErrors = pushError(vErrors, instancePath+"/detail", "type", {type: "object"});
errors++;
}
}
}
else {
vErrors = pushError(vErrors, instancePath, "type", {type: "object"});
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}



export const validateGetAccessToken = validate24;
const pattern6 = new RegExp("^[0-9]{14}$", "u");
const pattern7 = new RegExp("^[0-9a-f]{64}$", "u");

function validate24(data, {instancePath=""}={}){
/*# sourceURL="tianman:getAccessToken" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.appId === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "appId"});
errors++;
}
if(data.timestamp === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "timestamp"});
errors++;
}
if(data.nonce === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "nonce"});
errors++;
}
if(data.signMethod === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "signMethod"});
errors++;
}
if(data.signature === undefined){
vErrors = pushError(vErrors, instancePath, "required", {missingProperty: "signature"});
errors++;
}
for(const key0 in data){
if(!(((((key0 === "appId") || (key0 === "timestamp")) || (key0 === "nonce")) || (key0 === "signMethod")) || (key0 === "signature"))){
vErrors = pushError(vErrors, instancePath, "additionalProperties", {additionalProperty: key0});
errors++;
}
}
if(data.appId !== undefined){
let data0 = data.appId;
if(typeof data0 === "string"){
if((data0.length > 128 || func1(data0) > 64)){
vErrors = pushError(vErrors, instancePath+"/appId", "maxLength", {limit: 64});
errors++;
}
if((data0.length < 2 && func1(data0) < 1)){
vErrors = pushError(vErrors, instancePath+"/appId", "minLength", {limit: 1});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/appId", "type", {type: "string"});
errors++;
}
}
if(data.timestamp !== undefined){
let data1 = data.timestamp;
if(typeof data1 === "string"){
if(!pattern6.test(data1)){
vErrors = pushError(vErrors, instancePath+"/timestamp", "pattern", {pattern: "^[0-9]{14}$"});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/timestamp", "type", {type: "string"});
errors++;
}
}
if(data.nonce !== undefined){
let data2 = data.nonce;
if(typeof data2 === "string"){
if((data2.length > 256 || func1(data2) > 128)){
vErrors = pushError(vErrors, instancePath+"/nonce", "maxLength", {limit: 128});
errors++;
}
if((data2.length < 2 && func1(data2) < 1)){
vErrors = pushError(vErrors, instancePath+"/nonce", "minLength", {limit: 1});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/nonce", "type", {type: "string"});
errors++;
}
}
if(data.signMethod !== undefined){
let data3 = data.signMethod;
if(typeof data3 !== "string"){
vErrors = pushError(vErrors, instancePath+"/signMethod", "type", {type: "string"});
errors++;
}
if(!(data3 === "SHA256")){
vErrors = pushError(vErrors, instancePath+"/signMethod", "enum", {allowedValues: ["SHA256"]});
errors++;
}
}
if(data.signature !== undefined){
let data4 = data.signature;
if(typeof data4 === "string"){
if(!pattern7.test(data4)){
vErrors = pushError(vErrors, instancePath+"/signature", "pattern", {pattern: "^[0-9a-f]{64}$"});
errors++;
}
}
else {
vErrors = pushError(vErrors, instancePath+"/signature", "type", {type: "string"});
errors++;
}
}
}
else {
vErrors = pushError(vErrors, instancePath, "type", {type: "object"});
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
