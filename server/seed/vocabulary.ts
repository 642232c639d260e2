// Words the demo data is made of: per-agency complaint topics, general suggestions and
// enquiries, names, and the phrases agents and citizens write, each in Arabic and English.
export type Bilingual = { ar: string; en: string };
export type Topic = { category: string; subject: Bilingual; body: Bilingual };

const t = (category: string, subjectAr: string, subjectEn: string, bodyAr: string, bodyEn: string): Topic => ({
  category,
  subject: { ar: subjectAr, en: subjectEn },
  body: { ar: bodyAr, en: bodyEn },
});

export const AGENCY_COMPLAINTS: Record<string, Topic[]> = {
  housing: [
    t('application', 'تأخر البت في طلب الوحدة السكنية', 'Delay in deciding my housing unit application', 'تقدمت بطلب وحدة سكنية منذ سنوات ولم يصلني أي رد حتى الآن رغم تحديث بياناتي.', 'I applied for a housing unit years ago and have had no answer, although I updated my details.'),
    t('allowance', 'انقطاع علاوة السكن', 'Housing allowance stopped', 'توقف صرف علاوة السكن هذا الشهر دون إشعار مسبق.', 'My housing allowance was not paid this month and I was not notified.'),
    t('maintenance', 'عيوب في الوحدة السكنية المستلمة', 'Defects in the housing unit I received', 'استلمت الوحدة وبها تسربات مياه وتشققات في الجدران.', 'The unit I received has water leaks and cracks in the walls.'),
    t('finance', 'استفسار عن قرض الإسكان', 'Problem with my housing loan instalments', 'تم خصم قسط القرض مرتين في نفس الشهر.', 'My housing loan instalment was deducted twice this month.'),
  ],
  iga: [
    t('ekey', 'تعذر تفعيل المفتاح الإلكتروني', 'Cannot activate my eKey', 'أحاول تفعيل المفتاح الإلكتروني ولا تصلني رسالة التحقق.', 'I try to activate my eKey but the verification message never arrives.'),
    t('portal', 'خطأ في بوابة الحكومة الإلكترونية', 'Error on the eGovernment portal', 'تظهر رسالة خطأ عند دفع الرسوم عبر البوابة.', 'The portal shows an error when I pay fees online.'),
    t('smartcard', 'تأخر إصدار البطاقة الذكية', 'Smart card not issued yet', 'قدمت على تجديد البطاقة الذكية ولم تصدر بعد مرور المدة المحددة.', 'I applied to renew my smart card and it has not been issued after the stated period.'),
    t('address', 'خطأ في العنوان المسجل', 'Wrong address on my record', 'العنوان المسجل في البطاقة الذكية غير صحيح.', 'The address registered on my smart card is wrong.'),
  ],
  npra: [
    t('passport', 'تأخر تجديد جواز السفر', 'Passport renewal delayed', 'قدمت طلب تجديد الجواز قبل شهر ولم يصلني أي إشعار.', 'I applied to renew my passport a month ago and have heard nothing.'),
    t('visa', 'رفض طلب تأشيرة زيارة عائلية', 'Family visit visa refused', 'رُفض طلب تأشيرة الزيارة لوالدتي دون توضيح السبب.', "My mother's visit visa was refused without a reason."),
    t('residence', 'مشكلة في تجديد الإقامة', 'Problem renewing a residence permit', 'لا يمكن تجديد إقامة العامل المنزلي عبر النظام.', 'The system will not let me renew my domestic worker\'s residence permit.'),
  ],
  labour: [
    t('wages', 'تأخر صرف الرواتب من صاحب العمل', 'Employer has not paid wages', 'لم يصرف صاحب العمل رواتبنا منذ ثلاثة أشهر.', 'Our employer has not paid our wages for three months.'),
    t('dispute', 'شكوى عمالية لم يتم النظر فيها', 'Labour dispute not heard', 'قدمت شكوى عمالية ولم يتم تحديد موعد للجلسة.', 'I filed a labour complaint and no hearing date has been set.'),
    t('training', 'برنامج التدريب لم يبدأ', 'Training programme has not started', 'سجلت في برنامج التدريب ولم يتم التواصل معي.', 'I registered for the training programme and nobody has contacted me.'),
  ],
  education: [
    t('transport', 'تأخر الحافلة المدرسية', 'School bus is late every day', 'الحافلة المدرسية تصل متأخرة يومياً مما يؤخر أبنائي عن الحصة الأولى.', 'The school bus arrives late every day and my children miss the first lesson.'),
    t('registration', 'رفض تسجيل طالب في مدرسة قريبة', 'Child refused at the nearby school', 'رُفض تسجيل ابني في المدرسة القريبة من السكن.', 'My son was refused a place at the school near our home.'),
    t('certificates', 'تأخر معادلة الشهادة', 'Certificate equivalence delayed', 'قدمت طلب معادلة الشهادة منذ شهرين.', 'I applied for certificate equivalence two months ago.'),
  ],
  health: [
    t('appointments', 'موعد بعيد في المركز الصحي', 'Health centre appointment too far off', 'أقرب موعد متاح لطبيب الأسرة بعد ستة أسابيع.', 'The earliest family doctor appointment is six weeks away.'),
    t('pharmacy', 'نقص دواء في الصيدلية', 'Medicine out of stock', 'الدواء الذي أحتاجه غير متوفر في صيدلية المركز منذ شهر.', 'The medicine I need has been out of stock at the centre for a month.'),
    t('conduct', 'سوء معاملة في قسم الطوارئ', 'Poor treatment in the emergency department', 'انتظرنا في الطوارئ أكثر من خمس ساعات دون أي توضيح.', 'We waited over five hours in the emergency department with no explanation.'),
  ],
  works: [
    t('roads', 'حفرة خطيرة في الشارع', 'Dangerous pothole in the road', 'توجد حفرة كبيرة في الشارع تسببت في أضرار للسيارات.', 'A large pothole in the street is damaging cars.'),
    t('drainage', 'تجمع مياه الأمطار', 'Rainwater collecting in the street', 'تتجمع مياه الأمطار أمام المنازل ولا يتم شفطها.', 'Rainwater collects in front of the houses and is not pumped away.'),
    t('sewage', 'طفح مياه المجاري', 'Sewage overflowing', 'تطفح مياه المجاري في الحي منذ أيام.', 'Sewage has been overflowing in our neighbourhood for days.'),
  ],
  ewa: [
    t('billing', 'فاتورة كهرباء مرتفعة بشكل غير طبيعي', 'Unusually high electricity bill', 'فاتورة هذا الشهر ضعف المعتاد رغم عدم تغير الاستهلاك.', "This month's bill is double the usual although our use has not changed."),
    t('outage', 'انقطاع متكرر للكهرباء', 'Repeated power cuts', 'تنقطع الكهرباء عدة مرات يومياً في منطقتنا.', 'The power goes off several times a day in our area.'),
    t('water', 'ضعف ضغط المياه', 'Low water pressure', 'ضغط المياه ضعيف جداً في الطوابق العليا.', 'Water pressure is very low on the upper floors.'),
  ],
  sio: [
    t('pension', 'تأخر صرف المعاش التقاعدي', 'Pension payment delayed', 'لم يصرف معاشي التقاعدي لهذا الشهر.', 'My pension for this month has not been paid.'),
    t('contributions', 'خطأ في احتساب الاشتراكات', 'Contributions calculated wrongly', 'الاشتراكات المسجلة لا تطابق سنوات خدمتي.', 'The recorded contributions do not match my years of service.'),
    t('unemployment', 'تأخر تعويض التعطل', 'Unemployment benefit delayed', 'تقدمت بطلب تعويض التعطل ولم يصرف بعد.', 'I applied for unemployment benefit and it has not been paid.'),
  ],
  traffic: [
    t('violations', 'مخالفة مرورية غير صحيحة', 'Traffic fine issued in error', 'وصلتني مخالفة في وقت كانت فيه سيارتي في الورشة.', 'I received a fine for a time when my car was in the garage.'),
    t('licence', 'تأخر موعد اختبار القيادة', 'Driving test appointment delayed', 'موعد اختبار القيادة تأجل ثلاث مرات.', 'My driving test has been postponed three times.'),
    t('signals', 'إشارة مرورية معطلة', 'Traffic signal out of order', 'الإشارة المرورية عند التقاطع معطلة منذ أسبوع.', 'The traffic signal at the junction has been out of order for a week.'),
  ],
};

export const GENERAL_COMPLAINTS: Topic[] = [
  t('service-delay', 'تأخر إنجاز المعاملة', 'My transaction is taking too long', 'قدمت معاملتي منذ أسابيع ولم يتم إنجازها رغم المتابعة.', 'I submitted my transaction weeks ago and it is still not done despite follow-ups.'),
  t('staff-conduct', 'سوء تعامل موظف', 'Rude treatment by an employee', 'تعامل معي الموظف في مركز الخدمة بأسلوب غير لائق.', 'The employee at the service centre treated me rudely.'),
  t('online-service', 'الخدمة الإلكترونية لا تعمل', 'The online service does not work', 'لا يمكنني إكمال الطلب عبر الموقع بسبب خطأ متكرر.', 'I cannot complete the request on the website because of a recurring error.'),
  t('phone', 'عدم الرد على الهاتف', 'Nobody answers the phone', 'أتصل بالرقم المخصص منذ أيام ولا أحد يرد.', 'I have been calling the published number for days and nobody answers.'),
  t('fees', 'رسوم غير واضحة', 'Unexplained fees', 'تم تحصيل رسوم إضافية دون توضيح سببها.', 'I was charged extra fees without any explanation.'),
];

export const SUGGESTIONS: Topic[] = [
  t('digital', 'اقتراح إتاحة الخدمة عبر التطبيق', 'Suggestion: offer the service in the app', 'أقترح إتاحة تقديم الطلب ومتابعته عبر تطبيق الهاتف لتقليل المراجعات.', 'I suggest letting people file and follow the request in the mobile app to save visits.'),
  t('hours', 'اقتراح تمديد ساعات العمل', 'Suggestion: longer opening hours', 'أقترح فتح مراكز الخدمة مساءً يومين في الأسبوع للموظفين.', 'I suggest opening the service centres two evenings a week for working people.'),
  t('notifications', 'اقتراح إرسال إشعارات بحالة الطلب', 'Suggestion: status notifications', 'أقترح إرسال رسالة نصية عند كل تغيير في حالة الطلب.', 'I suggest sending a text message whenever the status of a request changes.'),
  t('queue', 'اقتراح نظام حجز مواعيد مسبق', 'Suggestion: book appointments in advance', 'أقترح نظام حجز إلكتروني لتفادي الانتظار الطويل.', 'I suggest an online booking system to avoid long queues.'),
];

export const ENQUIRIES: Topic[] = [
  t('requirements', 'استفسار عن المستندات المطلوبة', 'Which documents are required?', 'ما هي المستندات المطلوبة لتقديم الطلب؟', 'Which documents do I need to submit the application?'),
  t('status', 'استفسار عن حالة الطلب', 'What is the status of my request?', 'أرغب في معرفة المرحلة التي وصل إليها طلبي.', 'I would like to know what stage my request has reached.'),
  t('eligibility', 'استفسار عن شروط الاستحقاق', 'Am I eligible?', 'هل تنطبق علي شروط الاستحقاق في حالتي؟', 'Do the eligibility conditions apply in my case?'),
];

export const FIRST_NAMES: Bilingual[] = [
  { ar: 'محمد', en: 'Mohammed' }, { ar: 'أحمد', en: 'Ahmed' }, { ar: 'علي', en: 'Ali' }, { ar: 'حسن', en: 'Hasan' },
  { ar: 'يوسف', en: 'Yousif' }, { ar: 'خالد', en: 'Khalid' }, { ar: 'عبدالله', en: 'Abdulla' }, { ar: 'جاسم', en: 'Jassim' },
  { ar: 'فاطمة', en: 'Fatima' }, { ar: 'مريم', en: 'Maryam' }, { ar: 'زينب', en: 'Zainab' }, { ar: 'نورة', en: 'Noora' },
  { ar: 'سارة', en: 'Sara' }, { ar: 'ليلى', en: 'Layla' }, { ar: 'هدى', en: 'Huda' }, { ar: 'عائشة', en: 'Aysha' },
];

export const FAMILY_NAMES: Bilingual[] = [
  { ar: 'الدوسري', en: 'Al-Dosari' }, { ar: 'العلوي', en: 'Al-Alawi' }, { ar: 'الموسوي', en: 'Al-Mousawi' },
  { ar: 'البنعلي', en: 'Al-Binali' }, { ar: 'الحداد', en: 'Al-Haddad' }, { ar: 'الجودر', en: 'Al-Jowder' },
  { ar: 'المناعي', en: 'Al-Mannai' }, { ar: 'الشيخ', en: 'Al-Sheikh' }, { ar: 'السيد', en: 'Al-Sayed' },
  { ar: 'الكعبي', en: 'Al-Kaabi' }, { ar: 'عبدالرحمن', en: 'Abdulrahman' }, { ar: 'إبراهيم', en: 'Ebrahim' },
];

export const REPLIES: Bilingual[] = [
  { ar: 'تمت مراجعة طلبكم ومعالجته، ونشكركم على تواصلكم.', en: 'Your request has been reviewed and resolved. Thank you for contacting us.' },
  { ar: 'تم التنسيق مع القسم المختص وسيتم حل الموضوع خلال أسبوع.', en: 'We have coordinated with the department concerned; the matter will be resolved within a week.' },
  { ar: 'نفيدكم بأن طلبكم قيد الإجراء وسيتم إشعاركم فور الانتهاء.', en: 'Your request is being processed and you will be notified as soon as it is complete.' },
  { ar: 'تم تصحيح البيانات في النظام، ويمكنكم الآن إكمال الخدمة.', en: 'The records have been corrected; you can now complete the service.' },
];

export const QUESTIONS: Bilingual[] = [
  { ar: 'نرجو تزويدنا برقم الطلب ونسخة من الإيصال لمتابعة الموضوع.', en: 'Please send us the application number and a copy of the receipt so we can follow up.' },
  { ar: 'يرجى توضيح تاريخ ووقت الحادثة ومكانها بالتحديد.', en: 'Please tell us the exact date, time and place of the incident.' },
];

export const REOPEN_REASONS: Bilingual[] = [
  { ar: 'لم يتم حل المشكلة حتى الآن رغم الرد.', en: 'The problem has still not been solved despite the reply.' },
  { ar: 'الرد لا يجيب على سؤالي.', en: 'The reply does not answer my question.' },
];

/** staff names as [English, Arabic]: the Arabic UI names colleagues in Arabic */
export const STAFF_FIRST_NAMES: readonly (readonly [string, string])[] = [
  ['Fatima', 'فاطمة'],
  ['Ahmed', 'أحمد'],
  ['Maryam', 'مريم'],
  ['Hasan', 'حسن'],
  ['Noora', 'نورة'],
  ['Ali', 'علي'],
  ['Sara', 'سارة'],
  ['Yousif', 'يوسف'],
  ['Huda', 'هدى'],
  ['Khalid', 'خالد'],
];
export const STAFF_FAMILY_NAMES: readonly (readonly [string, string])[] = [
  ['Al-Mannai', 'المناعي'],
  ['Al-Haddad', 'الحداد'],
  ['Al-Jowder', 'الجودر'],
  ['Al-Sayed', 'السيد'],
  ['Al-Binali', 'البنعلي'],
  ['Al-Kaabi', 'الكعبي'],
];
